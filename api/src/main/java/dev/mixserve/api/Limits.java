package dev.mixserve.api;

import java.time.Duration;

/**
 * Admission limits of a deployment.
 *
 * @param maxOngoingRequests requests one replica works on at once
 * @param maxQueuedRequests requests that may wait for a slot, across the deployment
 * @param timeout deadline for one request, queueing included
 * @param maxBodyBytes largest request body accepted
 * @param overloadStatus 429 or 503, the status sent when the queue is full
 */
public record Limits(
    int maxOngoingRequests,
    int maxQueuedRequests,
    Duration timeout,
    long maxBodyBytes,
    int overloadStatus) {
  public static final Limits DEFAULT = new Limits(64, 256, Duration.ofSeconds(60), 4 << 20, 429);

  public Limits {
    if (maxOngoingRequests < 1) {
      throw new IllegalArgumentException("max_ongoing_requests must be >= 1");
    }
    if (maxQueuedRequests < 0) {
      throw new IllegalArgumentException("max_queued_requests must be >= 0");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("max_body must be >= 1 byte");
    }
    if (overloadStatus != 429 && overloadStatus != 503) {
      throw new IllegalArgumentException("overload_status must be 429 or 503");
    }
  }
}
