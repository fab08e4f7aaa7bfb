package dev.mixserve.engine.llama;

import java.util.Map;
import java.util.Set;

/**
 * engine.options of kind llama-cpp, validated.
 *
 * @param threads generation threads; 1 by default because on small models the binding's OpenMP
 *     workers fall asleep between tokens and 2 threads ran several times slower (see README)
 * @param threadsBatch prompt-processing threads
 * @param parallel slots generating at once (continuous batching in one native batch)
 * @param contextSize tokens per slot, prompt and answer together; 0 = trained context, capped
 * @param maxQueued requests waiting for a slot before new ones are refused
 * @param batchSize tokens per native batch (prompt chunking)
 * @param chatTemplate a Jinja template or llama.cpp template name overriding the GGUF's own
 * @param gpuLayers layers offloaded to a GPU build of llama.cpp; 0 on CPU
 */
record LlamaOptions(
    int threads,
    int threadsBatch,
    int parallel,
    int contextSize,
    int maxQueued,
    int batchSize,
    String chatTemplate,
    int gpuLayers) {
  static final int CONTEXT_CAP = 4096;
  private static final Set<String> KEYS =
      Set.of(
          "threads",
          "threads_batch",
          "parallel",
          "context_size",
          "max_queued",
          "batch_size",
          "chat_template",
          "gpu_layers");

  static LlamaOptions parse(Map<String, Object> o) {
    for (String key : o.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "engine.options." + key + ": unknown option; expected one of " + KEYS);
      }
    }
    int threads = whole(o, "threads", 1, 1, 512);
    return new LlamaOptions(
        threads,
        whole(o, "threads_batch", threads, 1, 512),
        whole(o, "parallel", 4, 1, 256),
        whole(o, "context_size", 0, 0, 1 << 20),
        whole(o, "max_queued", 64, 0, 100_000),
        whole(o, "batch_size", 512, 32, 1 << 16),
        o.get("chat_template") instanceof String s && !s.isBlank() ? s : null,
        whole(o, "gpu_layers", 0, -1, 100_000));
  }

  /** Tokens per slot for a model trained on {@code trained} tokens. */
  int slotContext(int trained) {
    if (contextSize > 0) {
      return contextSize;
    }
    return trained > 0 ? Math.min(trained, CONTEXT_CAP) : CONTEXT_CAP;
  }

  private static int whole(Map<String, Object> o, String key, int def, int min, int max) {
    Object v = o.getOrDefault(key, (long) def);
    if (!(v instanceof Number n)
        || n.doubleValue() != n.longValue()
        || n.longValue() < min
        || n.longValue() > max) {
      throw new IllegalArgumentException(
          "engine.options."
              + key
              + ": expected a whole number in "
              + min
              + ".."
              + max
              + ", got "
              + v);
    }
    return n.intValue();
  }
}
