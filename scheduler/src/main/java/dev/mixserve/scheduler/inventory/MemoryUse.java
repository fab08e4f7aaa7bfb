package dev.mixserve.scheduler.inventory;

import dev.mixserve.api.Vendor;
import java.util.Objects;

/**
 * Memory in use on one GPU of this machine, as its driver measured it: what the processes hold, not
 * the budgets the plan gives them.
 *
 * @param vendor who made the GPU
 * @param index the GPU's index as {@link dev.mixserve.api.Accelerator#index()} counts it
 * @param usedBytes memory in use
 * @param totalBytes the memory the driver counted it against
 */
public record MemoryUse(Vendor vendor, int index, long usedBytes, long totalBytes) {
  public MemoryUse {
    Objects.requireNonNull(vendor, "vendor");
    if (index < 0 || usedBytes < 0 || totalBytes < 0) {
      throw new IllegalArgumentException("negative index or memory: " + index + ", " + usedBytes);
    }
  }
}
