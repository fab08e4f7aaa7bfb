package dev.mixserve.api;

/**
 * What one replica asks for. Integer milli-GPU and bytes so that shares add up exactly.
 *
 * @param milliGpu share of one accelerator, 0 (CPU only) or 1..1000
 * @param memoryBytes memory budget; 0 means share x accelerator memory
 * @param milliCpu CPU the replica may use, 0 when unspecified
 */
public record Resources(int milliGpu, long memoryBytes, int milliCpu) {
  public static final Resources NONE = new Resources(0, 0, 0);

  public Resources {
    if (milliGpu < 0 || milliGpu > 1000) {
      throw new IllegalArgumentException("gpu share must be in 1..1000 milli-GPU, got " + milliGpu);
    }
    if (memoryBytes < 0) {
      throw new IllegalArgumentException("memory must be >= 0, got " + memoryBytes);
    }
    if (milliCpu < 0) {
      throw new IllegalArgumentException("cpu must be >= 0, got " + milliCpu);
    }
  }
}
