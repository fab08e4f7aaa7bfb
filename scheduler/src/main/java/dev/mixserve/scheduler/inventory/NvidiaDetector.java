package dev.mixserve.scheduler.inventory;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import java.util.ArrayList;
import java.util.List;

/** NVIDIA GPUs from nvidia-smi's CSV query; index is what CUDA_VISIBLE_DEVICES counts. */
final class NvidiaDetector {
  static final List<String> QUERY =
      List.of(
          "nvidia-smi",
          "--query-gpu=index,name,uuid,memory.total,compute_cap,pci.bus_id",
          "--format=csv,noheader,nounits");

  private NvidiaDetector() {}

  static List<Accelerator> detect(SystemProbe probe) {
    return probe.run(QUERY).map(NvidiaDetector::parse).orElse(List.of());
  }

  /** Tolerates unit suffixes ("81559 MiB") and extra trailing columns. */
  static List<Accelerator> parse(String csv) {
    var out = new ArrayList<Accelerator>();
    for (String line : csv.strip().split("\\R")) {
      String[] f = line.split(",");
      if (f.length < 5 || !f[0].strip().matches("\\d+")) {
        continue; // header or a "No devices were found" message
      }
      long mib = Long.parseLong(f[3].strip().replace("MiB", "").strip());
      out.add(
          new Accelerator(
              Vendor.NVIDIA,
              f[1].strip(),
              arch(f[4].strip()),
              mib << 20,
              false,
              Integer.parseInt(f[0].strip())));
    }
    return out;
  }

  /** Compute capability "7.5" → "sm_75", as CUDA names targets. */
  static String arch(String computeCap) {
    return computeCap.matches("\\d+\\.\\d+") ? "sm_" + computeCap.replace(".", "") : "";
  }
}
