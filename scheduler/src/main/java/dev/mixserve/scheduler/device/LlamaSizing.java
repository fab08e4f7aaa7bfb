package dev.mixserve.scheduler.device;

import dev.mixserve.api.Deployment;
import dev.mixserve.config.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many layers of a GGUF model fit a memory budget, and how much context the rest holds. Reads
 * engine options {@code model_bytes}, {@code layers}, {@code kv_bytes_per_token} and {@code
 * ctx_size} (the cap); without model facts it offloads everything and leaves context alone.
 *
 * @param gpuLayers layers to offload, or -1 for all
 * @param ctxSize context tokens, or 0 to leave the engine's default
 */
record LlamaSizing(int gpuLayers, int ctxSize) {
  /** Compute buffers and scratch llama.cpp allocates beside weights and KV cache. */
  static final long OVERHEAD = 512L << 20;

  static final long DEFAULT_KV_PER_TOKEN = 128L << 10;

  static LlamaSizing from(Deployment d, long budget) {
    Map<String, Object> o = d.engine().options();
    long model = bytes(o.get("model_bytes"));
    int layers = o.containsKey("layers") ? Integer.parseInt(o.get("layers").toString()) : 0;
    if (model <= 0 || layers <= 0) {
      return new LlamaSizing(-1, 0);
    }
    long kv =
        o.containsKey("kv_bytes_per_token")
            ? bytes(o.get("kv_bytes_per_token"))
            : DEFAULT_KV_PER_TOKEN;
    int cap = o.containsKey("ctx_size") ? Integer.parseInt(o.get("ctx_size").toString()) : 32768;
    long free = budget - OVERHEAD;
    if (free >= model) {
      long tokens = Math.min(cap, (free - model) / kv) / 256 * 256;
      return new LlamaSizing(layers, (int) Math.max(256, tokens));
    }
    // Layers that do not fit run on the CPU; keep a small context's KV on the GPU.
    long perLayer = Math.ceilDiv(model, layers);
    int fit = (int) Math.max(0, (free - 4096 * kv) / perLayer);
    return new LlamaSizing(Math.min(fit, layers), 4096);
  }

  List<String> args() {
    var out =
        new ArrayList<>(
            List.of("--n-gpu-layers", gpuLayers < 0 ? "999" : String.valueOf(gpuLayers)));
    if (ctxSize > 0) {
      out.addAll(List.of("--ctx-size", String.valueOf(ctxSize)));
    }
    return out;
  }

  private static long bytes(Object v) {
    return v == null ? 0 : v instanceof Number n ? n.longValue() : Quantities.bytes(v.toString());
  }
}
