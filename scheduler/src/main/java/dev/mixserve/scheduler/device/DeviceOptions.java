package dev.mixserve.scheduler.device;

import java.util.Map;

/**
 * Cluster-wide device settings.
 *
 * @param hsaOverrides arch → HSA_OVERRIDE_GFX_VERSION for AMD GPUs that ROCm does not list; a
 *     deployment's engine option {@code hsa_override_gfx_version} wins over it ("" turns it off)
 */
public record DeviceOptions(Map<String, String> hsaOverrides) {
  /**
   * Consumer APUs ROCm builds skip: 680M (gfx1035/1036) runs the gfx1030 kernels, 780M (gfx1103)
   * the gfx1100 ones; Strix Point/Halo (gfx1150/1151) need their own version on older ROCm.
   */
  public static final DeviceOptions DEFAULT =
      new DeviceOptions(
          Map.of(
              "gfx1035", "10.3.0",
              "gfx1036", "10.3.0",
              "gfx1103", "11.0.0",
              "gfx1150", "11.5.0",
              "gfx1151", "11.5.1",
              "gfx90c", "9.0.0"));

  public DeviceOptions {
    hsaOverrides = Map.copyOf(hsaOverrides == null ? Map.of() : hsaOverrides);
  }
}
