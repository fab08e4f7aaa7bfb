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

  /** whisper.cpp's server: it picks the first GPU it sees, so visibility alone places it. */
  static final Set<String> WHISPER_SERVER = Set.of("whisper", "whisper-server");

  /** Coqui's tts-server (PyTorch): runs on the CPU unless told a device type. */
  static final String XTTS = "xtts";

  private EngineFlags() {}

  static List<String> of(Assignment a, Deployment d) {
    String kind = d.engine().kind();
    return switch (a.target()) {
      case Target.Cpu c -> {
        if (kind.equals(XTTS)) {
          yield List.of("--device", "cpu");
        }
        if (WHISPER_SERVER.contains(kind)) {
          yield List.of("--no-gpu"); // a Vulkan or SYCL build would still find a GPU
        }
        yield LLAMA_CPP.contains(kind) ? List.of("--n-gpu-layers", "0") : List.of();
      }
      case Target.Gpu g -> {
        if (kind.equals("vllm")) {
          yield List.of("--gpu-memory-utilization", utilization(g));
        }
        if (kind.equals(XTTS)) {
          yield List.of("--device", torchDevice(g));
        }
        yield LLAMA_CPP.contains(kind) ? LlamaSizing.from(d, g.memoryBytes()).args() : List.of();
      }
    };
  }

  /**
   * PyTorch's device type: ROCm builds answer to "cuda" too, Intel GPUs are "xpu". The visibility
   * variables leave one device of that type, so no index is needed.
   */
  static String torchDevice(Target.Gpu g) {
    return switch (g.accelerator().vendor()) {
      case NVIDIA, AMD -> "cuda";
      case INTEL -> "xpu";
      case CPU -> "cpu";
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
