package dev.mixserve.api;

import java.util.Objects;

/**
 * One device on a node.
 *
 * @param vendor who made it
 * @param model marketing name, e.g. "Radeon 680M"
 * @param arch compute architecture, e.g. sm_75, gfx1151; empty when unknown
 * @param memoryBytes memory the device can use; for unified-memory iGPUs this is what the driver
 *     lets it map (GTT), not the VRAM carve-out
 * @param unified true for iGPUs that share system RAM
 * @param index the device's index as its vendor's runtime counts it
 */
public record Accelerator(
    Vendor vendor, String model, String arch, long memoryBytes, boolean unified, int index) {
  public Accelerator {
    Objects.requireNonNull(vendor, "vendor");
    model = model == null ? "" : model;
    arch = arch == null ? "" : arch;
    if (memoryBytes < 0) {
      throw new IllegalArgumentException("memory must be >= 0, got " + memoryBytes);
    }
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
  }
}
