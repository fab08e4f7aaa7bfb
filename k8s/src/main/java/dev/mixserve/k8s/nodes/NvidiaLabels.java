package dev.mixserve.k8s.nodes;

import dev.mixserve.api.Vendor;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * NVIDIA GPUs from the device plugin's {@code nvidia.com/gpu} resource and GPU Feature Discovery's
 * labels (NVIDIA/k8s-device-plugin docs/gfd_labels.md): {@code nvidia.com/gpu.product} ("Tesla-T4",
 * spaces written as dashes), {@code .memory} (MiB per GPU), {@code .count}, {@code .compute.major}
 * and {@code .minor}, {@code .replicas} (time-slicing, which multiplies the resource and appends
 * "-SHARED" to the product). {@code .family} ("turing") is not read: the compute capability says
 * the same, and more.
 */
final class NvidiaLabels {
  static final String RESOURCE = "nvidia.com/gpu";
  private static final String P = "nvidia.com/gpu.";

  /**
   * Compute capabilities only integrated parts have (Jetson TX1/Nano 5.3, TX2 6.2, Xavier 7.2, Orin
   * 8.7, Thor 10.1/11.0, GB10 12.1): their GPU maps system RAM, and the memory NVML reports is not
   * what it may use.
   */
  static final Set<String> UNIFIED_ARCHS =
      Set.of("sm_53", "sm_62", "sm_72", "sm_87", "sm_101", "sm_110", "sm_121");

  private NvidiaLabels() {}

  static Optional<VendorFacts> read(NodeView n) {
    OptionalLong resource = n.resource(RESOURCE);
    OptionalLong labelled = n.number(P + "count");
    if (resource.isEmpty() && labelled.isEmpty()) {
      return Optional.empty();
    }
    long replicas = Math.max(1, n.number(P + "replicas").orElse(1));
    // the resource is what pods can get (an unhealthy GPU leaves it); the label, with DRA, is all
    long count = resource.isPresent() ? resource.getAsLong() / replicas : labelled.getAsLong();
    if (count > VendorFacts.MAX_GPUS) {
      return Optional.of(VendorFacts.present(Vendor.NVIDIA, RESOURCE + "=" + count + "?"));
    }
    String arch = arch(n);
    boolean unified = UNIFIED_ARCHS.contains(arch);
    long memory = unified ? 0 : NodeView.bytes(n.number(P + "memory").orElse(0), 20);
    String model = n.label(P + "product").map(NvidiaLabels::model).orElse("");
    var gpus = VendorFacts.alike(Vendor.NVIDIA, count, model, arch, memory, unified);
    String source = resource.isPresent() ? RESOURCE + "=" + resource.getAsLong() : P + "count";
    return Optional.of(
        new VendorFacts(
            Vendor.NVIDIA,
            true,
            gpus,
            !arch.isEmpty(),
            0,
            n.memoryBytes() / 2,
            source + (n.label(P + "product").isPresent() ? ", GPU feature discovery" : "")));
  }

  /** "sm_75" from compute capability 7.5, as nvidia-smi's compute_cap gives it to plan --detect. */
  static String arch(NodeView n) {
    OptionalLong major = n.number(P + "compute.major");
    OptionalLong minor = n.number(P + "compute.minor");
    return major.isPresent() && minor.isPresent()
        ? "sm_" + major.getAsLong() + minor.getAsLong()
        : "";
  }

  /** "NVIDIA-GeForce-RTX-3060" → "NVIDIA GeForce RTX 3060", nvidia-smi's spelling. */
  static String model(String product) {
    String p = product.endsWith("-SHARED") ? product.substring(0, product.length() - 7) : product;
    return p.replace('-', ' ').strip();
  }
}
