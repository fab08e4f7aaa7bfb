package dev.mixserve.api;

import java.time.Duration;

/**
 * Periodic health checks of each replica by a tiny real inference of its task (a 1-token chat, one
 * embedding, a 2-document rerank, a short silence transcription, one spoken word), not a ping.
 *
 * @param interval time between checks of one replica
 * @param timeout how long one check may take
 * @param failureThreshold consecutive failed checks after which the replica is restarted
 */
public record HealthCheck(Duration interval, Duration timeout, int failureThreshold) {
  public static final HealthCheck DEFAULT =
      new HealthCheck(Duration.ofSeconds(10), Duration.ofSeconds(5), 3);

  public HealthCheck {
    if (interval == null || !interval.isPositive()) {
      throw new IllegalArgumentException("health.interval must be positive");
    }
    if (timeout == null || !timeout.isPositive()) {
      throw new IllegalArgumentException("health.timeout must be positive");
    }
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("health.failures must be >= 1");
    }
  }
}
