package dev.mixserve.client;

/**
 * One document's place in a rerank answer.
 *
 * @param index the document's position in the request
 * @param score the relevance score, higher is better
 */
public record RerankResult(int index, double score) {
  public RerankResult {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, got " + index);
    }
  }
}
