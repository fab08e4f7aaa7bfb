package dev.mixserve.api;

import java.time.Duration;

/**
 * Replica count driven by load: the controller keeps ongoing requests per replica near the target,
 * adding replicas after load stayed high for {@code upscaleDelay} and removing them after it stayed
 * low for {@code downscaleDelay}. {@code min} 0 lets a deployment stop when idle; its next request
 * waits (bounded by the queue and the request timeout) while a replica starts.
 *
 * @param min fewest replicas
 * @param max most replicas
 * @param targetOngoingRequests ongoing (running + queued) requests per replica to aim for
 * @param upscaleDelay how long load must stay above target before scaling up
 * @param downscaleDelay how long load must stay below target before scaling down
 */
public record Autoscaling(
    int min,
    int max,
    double targetOngoingRequests,
    Duration upscaleDelay,
    Duration downscaleDelay) {
  public Autoscaling {
    if (min < 0) {
      throw new IllegalArgumentException("min_replicas must be >= 0");
    }
    if (max < Math.max(1, min)) {
      throw new IllegalArgumentException("max_replicas must be >= max(1, min_replicas)");
    }
    if (!(targetOngoingRequests > 0)) {
      throw new IllegalArgumentException("target_ongoing_requests must be > 0");
    }
    if (upscaleDelay == null || upscaleDelay.isNegative()) {
      throw new IllegalArgumentException("upscale_delay must be >= 0");
    }
    if (downscaleDelay == null || downscaleDelay.isNegative()) {
      throw new IllegalArgumentException("downscale_delay must be >= 0");
    }
  }
}
