package dev.mixserve.scheduler.inventory;

import java.util.Map;
import java.util.Optional;

/**
 * GPUs known by PCI id, for machines without vendor tools: ROCm does not install on a 680M laptop,
 * and xpu-smi is rarely on a desktop. Public because Kubernetes Nodes name GPUs by the same ids
 * (the AMD labeller's device-id, Intel's NFD rules), and one table keeps both readings alike.
 */
public final class PciIds {
  /**
   * What the id tells.
   *
   * @param name marketing name
   * @param arch gfx target or Intel Xe generation
   * @param integrated an iGPU sharing system RAM
   */
  public record Known(String name, String arch, boolean integrated) {}

  private static final Map<String, Known> IDS =
      Map.ofEntries(
          Map.entry("1002:1586", new Known("Strix Halo (Radeon 8060S)", "gfx1151", true)),
          Map.entry("1002:150e", new Known("Strix Point (Radeon 890M)", "gfx1150", true)),
          Map.entry("1002:1681", new Known("Radeon 680M", "gfx1035", true)),
          Map.entry("1002:164e", new Known("Raphael (Radeon Graphics)", "gfx1036", true)),
          Map.entry("1002:15bf", new Known("Phoenix (Radeon 780M)", "gfx1103", true)),
          Map.entry("1002:744c", new Known("Radeon RX 7900 XTX", "gfx1100", false)),
          Map.entry("1002:73bf", new Known("Radeon RX 6800/6900", "gfx1030", false)),
          Map.entry("1002:74a1", new Known("Instinct MI300X", "gfx942", false)),
          Map.entry("8086:56a0", new Known("Arc A770", "xe-hpg", false)),
          Map.entry("8086:56a1", new Known("Arc A750", "xe-hpg", false)),
          Map.entry("8086:56a5", new Known("Arc A380", "xe-hpg", false)),
          Map.entry("8086:e20b", new Known("Arc B580", "xe2-hpg", false)),
          Map.entry("8086:7d55", new Known("Arc Graphics (Meteor Lake)", "xe-lpg", true)),
          Map.entry("8086:64a0", new Known("Arc 140V (Lunar Lake)", "xe2-lpg", true)));

  private PciIds() {}

  /** By "vendor:device" in lowercase hex, e.g. "1002:1586". */
  public static Optional<Known> lookup(String pciId) {
    return Optional.ofNullable(IDS.get(pciId.toLowerCase(java.util.Locale.ROOT)));
  }
}
