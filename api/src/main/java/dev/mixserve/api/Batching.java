package dev.mixserve.api;

import java.time.Duration;

/**
 * Dynamic batching: take one request, then add what else is queued until the batch is full or the
 * wait is over.
 *
 * @param maxBatchSize items (texts, pairs) per engine call
 * @param maxWait how long a non-full batch waits for more items; zero runs what is queued at once
 * @param workers engine calls that may run at the same time
 */
public record Batching(int maxBatchSize, Duration maxWait, int workers) {
  public static final Batching DEFAULT = new Batching(32, Duration.ofMillis(2), 1);

  public Batching {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("max_batch_size must be >= 1");
    }
    if (maxWait == null || maxWait.isNegative()) {
      throw new IllegalArgumentException("max_wait must be >= 0");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1");
    }
  }
}
