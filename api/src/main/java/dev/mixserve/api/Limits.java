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
 * @param queueTimeout longest wait for a slot (never past {@code timeout} or the client's own
 *     deadline); a request that would wait longer, at the measured rate, is refused at once
 */
public record Limits(
    int maxOngoingRequests,
    int maxQueuedRequests,
    Duration timeout,
    long maxBodyBytes,
    int overloadStatus,
    Duration queueTimeout) {
  /**
   * Waiting for a slot adds at most this to a request's latency under overload. Past a few seconds
   * a client is better told when to come back (Retry-After) than kept waiting: an interactive one
   * has given up by then, a batch one backs off instead of piling on.
   */
  public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(5);

  public static final Limits DEFAULT = new Limits(64, 256, Duration.ofSeconds(60), 4 << 20, 429);

  /** Limits with the default queue timeout. */
  public Limits(
      int maxOngoingRequests,
      int maxQueuedRequests,
      Duration timeout,
      long maxBodyBytes,
      int overloadStatus) {
    this(
        maxOngoingRequests,
        maxQueuedRequests,
        timeout,
        maxBodyBytes,
        overloadStatus,
        DEFAULT_QUEUE_TIMEOUT);
  }

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
    if (queueTimeout == null || queueTimeout.isNegative() || queueTimeout.isZero()) {
      throw new IllegalArgumentException("queue_timeout must be positive");
    }
  }
}
