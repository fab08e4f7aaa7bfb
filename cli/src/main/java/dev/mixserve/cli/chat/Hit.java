package dev.mixserve.cli.chat;

import java.util.Objects;

/**
 * A retrieved chunk.
 *
 * @param similarity cosine similarity to the question, the first-stage score
 * @param rank the place the reranker gave it, from 0
 */
public record Hit(Chunk chunk, double similarity, int rank) {
  public Hit {
    Objects.requireNonNull(chunk, "chunk");
    if (rank < 0) {
      throw new IllegalArgumentException("rank must not be negative");
    }
  }
}
