package dev.mixserve.api.engine;

import java.util.List;

/** Turns texts into vectors, one batch per call. Calls may come from several threads. */
public interface EmbeddingEngine extends Engine {
  /** One input: a text, or token ids in the engine's own vocabulary. */
  sealed interface Input {
    record Text(String text) implements Input {}

    record Tokens(int[] ids) implements Input {}
  }

  /**
   * One output vector.
   *
   * @param vector L2-normalised when the model calls for it [dimensions]
   * @param tokens tokens the model actually read (after truncation)
   */
  record Embedded(float[] vector, int tokens) {}

  int dimensions();

  /** Longest input in tokens; longer inputs are truncated. */
  int maxTokens();

  /** Whether token-id inputs are understood. */
  default boolean acceptsTokens() {
    return false;
  }

  /** Embeds a batch; the result has one entry per input, in order. */
  List<Embedded> embed(List<Input> inputs);
}
