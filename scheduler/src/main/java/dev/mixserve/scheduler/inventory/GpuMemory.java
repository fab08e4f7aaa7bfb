package dev.mixserve.scheduler.inventory;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measures the memory in use on this machine's GPUs: nvidia-smi for NVIDIA; for AMD the amdgpu
 * driver's own counters in sysfs, which rocm-smi only reads back, so no process is started and the
 * cards are numbered exactly as {@link AmdDetector} numbers them. Intel is not measured: neither
 * i915 nor xe exports use in sysfs, and xpu-smi needs one call per device.
 */
public final class GpuMemory {
  static final List<String> NVIDIA_QUERY =
      List.of(
          "nvidia-smi",
          "--query-gpu=index,memory.used,memory.total",
          "--format=csv,noheader,nounits");

  private GpuMemory() {}

  /** Whether {@link #measure} can tell this GPU's use. */
  public static boolean measurable(Accelerator a) {
    return a.vendor() == Vendor.NVIDIA || a.vendor() == Vendor.AMD;
  }

  /**
   * What could be measured of {@code gpus} (the accelerators detected here); a vendor whose tool or
   * driver did not answer is left out, so an empty list means nothing is known.
   */
  public static List<MemoryUse> measure(SystemProbe probe, List<Accelerator> gpus) {
    var out = new ArrayList<MemoryUse>();
    if (gpus.stream().anyMatch(a -> a.vendor() == Vendor.NVIDIA)) {
      probe.run(NVIDIA_QUERY).map(GpuMemory::parseNvidia).ifPresent(out::addAll);
    }
    var amd = gpus.stream().filter(a -> a.vendor() == Vendor.AMD).toList();
    if (!amd.isEmpty()) {
      out.addAll(amd(probe, amd));
    }
    return out;
  }

  /** nvidia-smi's CSV in MiB; tolerates a header, unit suffixes and "[N/A]" (then left out). */
  static List<MemoryUse> parseNvidia(String csv) {
    var out = new ArrayList<MemoryUse>();
    for (String line : csv.strip().split("\\R")) {
      String[] f = line.split(",");
      if (f.length < 3 || !f[0].strip().matches("\\d+")) {
        continue; // header, or "No devices were found"
      }
      Optional<Long> used = mib(f[1]), total = mib(f[2]);
      if (used.isPresent() && total.isPresent()) {
        out.add(
            new MemoryUse(Vendor.NVIDIA, Integer.parseInt(f[0].strip()), used.get(), total.get()));
      }
    }
    return out;
  }

  private static Optional<Long> mib(String field) {
    String s = field.replace("MiB", "").strip();
    return s.matches("\\d+") ? Optional.of(Long.parseLong(s) << 20) : Optional.empty();
  }

  /**
   * An APU's memory is the GTT it may map besides its small carve-out, so both count as in use; a
   * discrete card's GTT is system RAM it borrows, not its own.
   */
  static List<MemoryUse> amd(SystemProbe probe, List<Accelerator> gpus) {
    var cards = DrmCard.scan(probe).stream().filter(c -> c.driver().equals("amdgpu")).toList();
    var out = new ArrayList<MemoryUse>();
    for (Accelerator a : gpus) {
      if (a.index() >= cards.size()) {
        continue; // declared, not on this machine
      }
      DrmCard card = cards.get(a.index());
      Optional<Long> vram = card.read(probe, "mem_info_vram_used");
      Optional<Long> gtt = a.unified() ? card.read(probe, "mem_info_gtt_used") : Optional.of(0L);
      if (vram.isPresent() && gtt.isPresent()) {
        out.add(new MemoryUse(Vendor.AMD, a.index(), vram.get() + gtt.get(), a.memoryBytes()));
      }
    }
    return out;
  }
}
