package dev.mixserve.scheduler.device;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import dev.mixserve.api.Vendor;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Target;
import java.util.HashMap;
import java.util.Map;

/** Device visibility per vendor for one placed replica, plus its engine's memory flags. */
public final class DeviceEnv {
  private DeviceEnv() {}

  public static LaunchHints of(Node node, Assignment a, Deployment d, DeviceOptions options) {
    var env = new HashMap<String, String>();
    switch (a.target()) {
      case Target.Cpu c -> env.put("CUDA_VISIBLE_DEVICES", ""); // keep CUDA engines off GPUs
      case Target.Gpu g -> {
        gpu(g.accelerator(), d, options, env);
        env.put("GGML_VK_VISIBLE_DEVICES", String.valueOf(vulkanIndex(node, g.accelerator())));
      }
    }
    return new LaunchHints(env, EngineFlags.of(a, d));
  }

  private static void gpu(Accelerator acc, Deployment d, DeviceOptions o, Map<String, String> env) {
    String index = String.valueOf(acc.index());
    switch (acc.vendor()) {
      case NVIDIA -> env.put("CUDA_VISIBLE_DEVICES", index);
      case AMD -> {
        // HIP numbers devices inside what ROCr exposes, so after ROCr picks one HIP says 0.
        env.put("ROCR_VISIBLE_DEVICES", index);
        env.put("HIP_VISIBLE_DEVICES", "0");
        String gfx = hsaOverride(acc, d, o);
        if (!gfx.isEmpty()) {
          env.put("HSA_OVERRIDE_GFX_VERSION", gfx);
        }
      }
      case INTEL -> {
        // Level Zero renumbers after the mask, so the SYCL selector then names device 0.
        env.put("ZE_AFFINITY_MASK", index);
        env.put("ONEAPI_DEVICE_SELECTOR", "level_zero:0");
      }
      case CPU -> throw new IllegalStateException("a GPU share on a CPU: " + acc);
    }
  }

  private static String hsaOverride(Accelerator acc, Deployment d, DeviceOptions o) {
    Object own = d.engine().options().get("hsa_override_gfx_version");
    return own != null ? own.toString() : o.hsaOverrides().getOrDefault(acc.arch(), "");
  }

  /**
   * Vulkan lists every GPU of every vendor; assume it counts them in the order the node lists its
   * GPUs, which is what detection produces (PCI order).
   */
  static int vulkanIndex(Node node, Accelerator acc) {
    var gpus = node.accelerators().stream().filter(x -> x.vendor() != Vendor.CPU).toList();
    int i = gpus.indexOf(acc);
    return i < 0 ? acc.index() : i;
  }
}
