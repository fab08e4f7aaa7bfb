package dev.mixserve.scheduler.inventory;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The host CPU from /proc: model, threads, memory and the x86-64 level engines build for. */
final class CpuDetector {
  private CpuDetector() {}

  static Accelerator detect(SystemProbe probe) {
    String info = probe.read(Path.of("/proc/cpuinfo")).orElse("");
    String model = field(info, "model name").orElse("host CPU");
    long threads = info.lines().filter(l -> l.startsWith("processor")).count();
    String flags = field(info, "flags").orElse("");
    String label = threads > 0 ? model + " (" + threads + " threads)" : model;
    return new Accelerator(Vendor.CPU, label, level(flags), memTotal(probe), false, 0);
  }

  static long memTotal(SystemProbe probe) {
    return probe
        .read(Path.of("/proc/meminfo"))
        .flatMap(m -> field(m, "MemTotal"))
        .map(v -> Long.parseLong(v.replace("kB", "").strip()) * 1024)
        .orElse(0L);
  }

  /** x86-64 microarchitecture level, as llama.cpp and ONNX Runtime pick kernels by it. */
  static String level(String flags) {
    List<String> f = Arrays.asList(flags.split("\\s+"));
    if (f.contains("avx512f") && f.contains("avx512bw")) {
      return "x86-64-v4";
    }
    if (f.contains("avx2") && f.contains("fma")) {
      return "x86-64-v3";
    }
    return f.contains("sse4_2") ? "x86-64-v2" : "";
  }

  private static java.util.Optional<String> field(String text, String key) {
    return text.lines()
        .filter(l -> l.startsWith(key))
        .findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).strip());
  }
}
