package dev.mixserve.controller;

import java.time.Duration;

/**
 * How long a failed replica waits before its next start: {@code initialDelay} after the first
 * failure, multiplied by {@code factor} for each further one, never more than {@code maxDelay}. The
 * count of failures lives in the replica; this holds only the rule.
 */
public record RestartPolicy(Duration initialDelay, Duration maxDelay, double factor) {
  public static final RestartPolicy DEFAULT =
      new RestartPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 2);

  public RestartPolicy {
    if (initialDelay == null || initialDelay.isNegative()) {
      throw new IllegalArgumentException("initial delay must be >= 0");
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("max delay must be >= initial delay");
    }
    if (!(factor >= 1)) {
      throw new IllegalArgumentException("factor must be >= 1");
    }
  }

  /** The wait after this many failures in a row (1 for the first). */
  public Duration delay(int consecutiveFailures) {
    if (consecutiveFailures < 1) {
      return Duration.ZERO;
    }
    double nanos = initialDelay.toNanos() * Math.pow(factor, consecutiveFailures - 1);
    return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
  }

  /**
   * How long a replica must stay running for its past failures to be forgiven: once it outlived the
   * longest wait, a new failure is a new problem, not the old one coming back.
   */
  public Duration resetAfter() {
    return maxDelay;
  }
}
