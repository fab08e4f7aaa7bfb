package dev.mixserve.scheduler;

import dev.mixserve.api.Accelerator;
import java.util.Objects;

/**
 * How much of one GPU the plan uses.
 *
 * @param node node name
 * @param accelerator the device
 * @param usedMilliGpu sum of shares placed on it
 * @param usedMemoryBytes sum of memory budgets placed on it
 */
public record Usage(String node, Accelerator accelerator, int usedMilliGpu, long usedMemoryBytes) {
  public Usage {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(accelerator, "accelerator");
  }

  public int freeMilliGpu() {
    return 1000 - usedMilliGpu;
  }

  public long freeMemoryBytes() {
    return accelerator.memoryBytes() - usedMemoryBytes;
  }
}
