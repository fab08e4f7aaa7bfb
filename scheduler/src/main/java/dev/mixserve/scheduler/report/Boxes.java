package dev.mixserve.scheduler.report;

import dev.mixserve.api.Vendor;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Target;

/** How a replica's device shows in the diagram: its box key, title, colour class and emoji. */
final class Boxes {
  private Boxes() {}

  static String deviceKey(Assignment a) {
    return switch (a.target()) {
      case Target.Gpu g -> g.accelerator().vendor().id() + g.accelerator().index();
      case Target.Cpu c -> "cpu";
    };
  }

  /** "Strix Halo 64GB", as the seed titles its boxes. */
  static String deviceTitle(Assignment a) {
    return switch (a.target()) {
      case Target.Gpu g ->
          g.accelerator().model()
              + " "
              + Math.round(g.accelerator().memoryBytes() / (double) (1L << 30))
              + "GB";
      case Target.Cpu c -> "CPU";
    };
  }

  static String vendor(Assignment a) {
    return switch (a.target()) {
      case Target.Gpu g -> g.accelerator().vendor().id();
      case Target.Cpu c -> Vendor.CPU.id();
    };
  }

  static String emoji(Assignment a) {
    return switch (Vendor.parse(vendor(a))) {
      case NVIDIA -> "🟢";
      case AMD -> "🔴";
      case INTEL -> "🔵";
      case CPU -> "⚪";
    };
  }
}
