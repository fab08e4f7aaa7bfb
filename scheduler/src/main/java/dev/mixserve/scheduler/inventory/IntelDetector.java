package dev.mixserve.scheduler.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Intel GPUs on i915 or xe: sysfs for order and PCI id, xpu-smi for names and memory when it is
 * installed. Index is the Level Zero order (PCI order), which ZE_AFFINITY_MASK counts.
 */
final class IntelDetector {
  static final List<String> DISCOVERY = List.of("xpu-smi", "discovery", "--json");

  private IntelDetector() {}

  static List<Accelerator> detect(SystemProbe probe, long systemMemory) {
    var cards =
        DrmCard.scan(probe).stream()
            .filter(c -> c.driver().equals("i915") || c.driver().equals("xe"))
            .toList();
    if (cards.isEmpty()) {
      return List.of();
    }
    List<ToolInfo> tool =
        probe
            .run(DISCOVERY)
            .map(j -> ToolInfo.xpuSmi(j, id -> memory(probe, id)))
            .orElse(List.of());
    var out = new ArrayList<Accelerator>();
    for (int i = 0; i < cards.size(); i++) {
      out.add(accelerator(cards.get(i), ToolInfo.match(tool, cards.get(i), i), i, systemMemory));
    }
    return out;
  }

  /**
   * An iGPU has no memory of its own; i915 and xe let it map about half of system RAM, the same
   * default amdgpu uses for GTT.
   */
  private static Accelerator accelerator(
      DrmCard card, Optional<ToolInfo> tool, int index, long systemMemory) {
    var known = PciIds.lookup(card.pciId());
    boolean integrated = known.map(PciIds.Known::integrated).orElse(false);
    long own = tool.map(ToolInfo::memoryBytes).orElse(0L);
    String name =
        tool.map(ToolInfo::name)
            .filter(s -> !s.isEmpty())
            .or(() -> known.map(PciIds.Known::name))
            .orElse("Intel GPU " + card.pciId());
    String arch = known.map(PciIds.Known::arch).orElse("");
    long memory = integrated ? systemMemory / 2 : own;
    return new Accelerator(Vendor.INTEL, name, arch, memory, integrated, index);
  }

  /** xpu-smi discovery -d N -j has the memory the list leaves out. */
  private static long memory(SystemProbe probe, int id) {
    var cmd = List.of("xpu-smi", "discovery", "-d", String.valueOf(id), "-j");
    return probe
        .run(cmd)
        .map(ToolInfo::tree)
        .map(j -> j.path("memory_physical_size_byte"))
        .map(JsonNode::asText)
        .filter(s -> s.matches("\\d+"))
        .map(Long::parseLong)
        .orElse(0L);
  }
}
