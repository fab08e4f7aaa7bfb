package dev.mixserve.scheduler.inventory;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import java.util.ArrayList;
import java.util.List;

/**
 * AMD GPUs: sysfs for memory and order (it works without ROCm), amd-smi or rocm-smi for names and
 * gfx targets, the PCI id table when neither is installed. On an APU the usable memory is what the
 * GPU may map (GTT), not the BIOS carve-out that mem_info_vram_total reports.
 */
final class AmdDetector {
  static final List<String> AMD_SMI = List.of("amd-smi", "static", "--asic", "--bus", "--json");
  static final List<String> ROCM_SMI = List.of("rocm-smi", "--showproductname", "--json");
  private static final long SMALL_CARVE_OUT = 2L << 30;

  private AmdDetector() {}

  static List<Accelerator> detect(SystemProbe probe) {
    var cards = DrmCard.scan(probe).stream().filter(c -> c.driver().equals("amdgpu")).toList();
    if (cards.isEmpty()) {
      return List.of();
    }
    List<ToolInfo> tool =
        probe
            .run(AMD_SMI)
            .map(ToolInfo::amdSmi)
            .or(() -> probe.run(ROCM_SMI).map(ToolInfo::rocmSmi))
            .orElse(List.of());
    var out = new ArrayList<Accelerator>();
    for (int i = 0; i < cards.size(); i++) {
      out.add(accelerator(probe, cards.get(i), ToolInfo.match(tool, cards.get(i), i), i));
    }
    return out;
  }

  private static Accelerator accelerator(
      SystemProbe probe, DrmCard card, java.util.Optional<ToolInfo> tool, int index) {
    long vram = card.number(probe, "mem_info_vram_total");
    long gtt = card.number(probe, "mem_info_gtt_total");
    var known = PciIds.lookup(card.pciId());
    boolean unified =
        known.map(PciIds.Known::integrated).orElse(vram <= SMALL_CARVE_OUT && gtt > vram);
    String name =
        tool.map(ToolInfo::name)
            .filter(s -> !s.isEmpty())
            .or(() -> known.map(PciIds.Known::name))
            .orElse("AMD GPU " + card.pciId());
    String arch =
        tool.map(ToolInfo::arch)
            .filter(s -> !s.isEmpty())
            .or(() -> known.map(PciIds.Known::arch))
            .orElse("");
    return new Accelerator(
        Vendor.AMD, name, arch, unified ? Math.max(vram, gtt) : vram, unified, index);
  }
}
