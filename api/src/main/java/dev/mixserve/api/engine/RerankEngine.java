package dev.mixserve.api.engine;

import java.util.List;

/** Scores (query, document) pairs, one batch per call. */
public interface RerankEngine extends Engine {
  record Pair(String query, String document) {}

  /**
   * One score.
   *
   * @param raw the model's own output (a logit for cross-encoders, a cosine for bi-encoders)
   * @param relevance raw mapped into 0..1, higher is more relevant
   * @param tokens tokens read for this pair
   */
  record Score(double raw, double relevance, int tokens) {}

  List<Score> score(List<Pair> pairs);
}
