package dev.mixserve.scheduler;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import java.util.Objects;

/** What a placed replica holds on its node: a share of one accelerator, or only CPU. */
public sealed interface Target {
  /**
   * A share of one GPU.
   *
   * @param accelerator the device
   * @param milliGpu share in 1..1000
   * @param memoryBytes memory budget reserved on the device
   */
  record Gpu(Accelerator accelerator, int milliGpu, long memoryBytes) implements Target {
    public Gpu {
      Objects.requireNonNull(accelerator, "accelerator");
      if (accelerator.vendor() == Vendor.CPU) {
        throw new IllegalArgumentException("a GPU share needs a GPU, got a CPU");
      }
      if (milliGpu < 1 || milliGpu > 1000) {
        throw new IllegalArgumentException("share must be in 1..1000, got " + milliGpu);
      }
      if (memoryBytes < 0) {
        throw new IllegalArgumentException("memory must be >= 0, got " + memoryBytes);
      }
    }
  }

  /** CPU only: consumes no GPU share. */
  record Cpu() implements Target {}
}
