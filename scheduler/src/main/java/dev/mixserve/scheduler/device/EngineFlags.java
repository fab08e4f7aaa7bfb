package dev.mixserve.scheduler.device;

import dev.mixserve.api.Deployment;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Target;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

/** Turns a replica's share and memory budget into its engine's own flags. */
final class EngineFlags {
  static final Set<String> LLAMA_CPP = Set.of("llama.cpp", "llama-cpp", "llamacpp", "llama-server");

  private EngineFlags() {}

  static List<String> of(Assignment a, Deployment d) {
    String kind = d.engine().kind();
    return switch (a.target()) {
      case Target.Cpu c -> LLAMA_CPP.contains(kind) ? List.of("--n-gpu-layers", "0") : List.of();
      case Target.Gpu g -> {
        if (kind.equals("vllm")) {
          yield List.of("--gpu-memory-utilization", utilization(g));
        }
        yield LLAMA_CPP.contains(kind) ? LlamaSizing.from(d, g.memoryBytes()).args() : List.of();
      }
    };
  }

  /**
   * vLLM takes a fraction of the whole device's memory. The share when the budget follows it;
   * otherwise the budget's fraction, rounded down so it never claims more than booked.
   */
  static String utilization(Target.Gpu g) {
    long total = g.accelerator().memoryBytes();
    boolean followsShare = total == 0 || g.memoryBytes() == g.milliGpu() * total / 1000;
    BigDecimal f =
        followsShare
            ? BigDecimal.valueOf(g.milliGpu(), 3)
            : BigDecimal.valueOf(g.memoryBytes())
                .divide(BigDecimal.valueOf(total), 2, RoundingMode.DOWN);
    return f.stripTrailingZeros().toPlainString();
  }
}
