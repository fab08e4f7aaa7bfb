package dev.mixserve.engine.llama;

import dev.mixserve.api.engine.EngineOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * engine.options of kind llama-cpp, validated.
 *
 * @param threads generation threads; 0 = chosen by {@link #forModel}
 * @param threadsBatch prompt-processing threads; 0 = as many as {@code threads}
 * @param parallel slots generating at once (continuous batching in one native batch)
 * @param contextSize tokens per slot, prompt and answer together; 0 = trained context, capped
 * @param maxQueued requests waiting for a slot before new ones are refused
 * @param batchSize tokens per native batch (prompt chunking)
 * @param chatTemplate a Jinja template or llama.cpp template name overriding the GGUF's own
 * @param gpuLayers layers offloaded to a GPU build of llama.cpp; 0 on CPU
 * @param streamInterval how long a streamed piece may wait to go out with the next ones
 */
record LlamaOptions(
    int threads,
    int threadsBatch,
    int parallel,
    int contextSize,
    int maxQueued,
    int batchSize,
    String chatTemplate,
    int gpuLayers,
    Duration streamInterval) {
  static final int CONTEXT_CAP = 4096;
  static final long SMALL_MODEL_BYTES = 64L << 20;
  // Side by side, 1 ms made one stream of a tiny model 1.07x the binding against 0.96x with none,
  // and 5 ms was no better; a model of real size takes longer than that per token anyway.
  static final double DEFAULT_STREAM_INTERVAL_MS = 1;
  private static final Set<String> KEYS =
      Set.of(
          "threads",
          "threads_batch",
          "parallel",
          "context_size",
          "max_queued",
          "batch_size",
          "chat_template",
          "gpu_layers",
          "stream_interval_ms");

  static LlamaOptions parse(Map<String, Object> o) {
    EngineOptions.allowOnly(o, KEYS);
    return new LlamaOptions(
        whole(o, "threads", 0, 0, 512),
        whole(o, "threads_batch", 0, 0, 512),
        whole(o, "parallel", 4, 1, 256),
        whole(o, "context_size", 0, 0, 1 << 20),
        whole(o, "max_queued", 64, 0, 100_000),
        whole(o, "batch_size", 512, 32, 1 << 16),
        o.get("chat_template") instanceof String s && !s.isBlank() ? s : null,
        whole(o, "gpu_layers", 0, -1, 100_000),
        Duration.ofNanos(
            Math.round(
                EngineOptions.number(o, "stream_interval_ms", DEFAULT_STREAM_INTERVAL_MS, 0, 1000)
                    * 1e6)));
  }

  /**
   * Fills in thread counts left at 0. Measured on this project's 2-core machine (see the
   * engine-llama README): on a tiny model a token costs ~0.2 ms, so the binding's second OpenMP
   * thread, which falls asleep between tokens, costs more than it computes, and 1 thread ran
   * several times faster than 2. A model of real size is compute-bound per token and uses every
   * core, as llama.cpp does by default.
   */
  LlamaOptions forModel(long fileBytes, int cores) {
    int t = threads > 0 ? threads : fileBytes < SMALL_MODEL_BYTES ? 1 : Math.max(1, cores);
    int tb = threadsBatch > 0 ? threadsBatch : t;
    return new LlamaOptions(
        t,
        tb,
        parallel,
        contextSize,
        maxQueued,
        batchSize,
        chatTemplate,
        gpuLayers,
        streamInterval);
  }

  /**
   * Tokens per slot for a model trained on {@code trained} tokens: never more than it was trained
   * on (beyond that a model writes noise), so a shared config's context_size fits a smaller model.
   */
  int slotContext(int trained) {
    int wanted = contextSize > 0 ? contextSize : CONTEXT_CAP;
    return trained > 0 ? Math.min(trained, wanted) : wanted;
  }

  private static int whole(Map<String, Object> o, String key, int def, int min, int max) {
    return EngineOptions.whole(o, key, def, min, max);
  }
}
