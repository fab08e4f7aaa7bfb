package dev.mixserve.k8s;

import dev.mixserve.api.Accelerator;
import java.util.Locale;

/** How Kubernetes names a vendor's GPUs: the device plugins' resources and the DRA classes. */
final class Devices {
  private Devices() {}

  /**
   * The extended resource a vendor's device plugin advertises for a whole device. Intel's plugin
   * names the resource after the kernel driver that binds the card: {@code xe} drives Xe2 and later
   * (Battlemage, Lunar Lake) by default, {@code i915} everything before it (Alchemist's xe-hpg,
   * Meteor Lake), so the config's {@code arch} picks it.
   */
  static String pluginResource(Accelerator gpu) {
    return switch (gpu.vendor()) {
      case NVIDIA -> "nvidia.com/gpu";
      case AMD -> "amd.com/gpu";
      case INTEL -> intelXe(gpu.arch()) ? "gpu.intel.com/xe" : "gpu.intel.com/i915";
      case CPU -> throw new IllegalArgumentException("a CPU is not a device resource");
    };
  }

  static boolean intelXe(String arch) {
    String a = arch.toLowerCase(Locale.ROOT);
    return a.startsWith("xe2") || a.startsWith("xe3");
  }

  /** The DeviceClass each vendor's DRA driver installs for its whole GPUs. */
  static String draClass(Accelerator gpu) {
    return switch (gpu.vendor()) {
      case NVIDIA -> "gpu.nvidia.com";
      case AMD -> "gpu.amd.com";
      case INTEL -> "gpu.intel.com";
      case CPU -> throw new IllegalArgumentException("a CPU has no DRA device class");
    };
  }

  /**
   * A CEL selector that pins a claim to the config's device index, where the vendor's driver
   * publishes one (NVIDIA's {@code index}); null elsewhere, where any free GPU of the class on the
   * node is taken, which is the same device on the one-GPU nodes such drivers are used on today.
   */
  static String draIndexSelector(Accelerator gpu) {
    return switch (gpu.vendor()) {
      case NVIDIA -> "device.attributes[\"gpu.nvidia.com\"].index == " + gpu.index();
      default -> null;
    };
  }
}
