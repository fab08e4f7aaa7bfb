package dev.mixserve.client;

import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /-/healthz}.
 *
 * @param status ok, or degraded when some deployment is not ready
 * @param deployments each deployment's state (ready, loading, failed: ...)
 */
public record Health(String status, Map<String, String> deployments) {
  public Health {
    Objects.requireNonNull(status, "status");
    deployments = Map.copyOf(deployments);
  }

  public boolean ok() {
    return status.equals("ok");
  }
}
