package dev.mixserve.controller;

import dev.mixserve.api.Deployment;
import dev.mixserve.scheduler.device.LaunchHints;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a launcher needs to start one replica.
 *
 * @param id unique and stable across restarts, e.g. "embeddings-1"; used in logs and metrics
 * @param deployment what to serve
 * @param hints device visibility and engine flags from the replica's placement
 * @param config the config file the deployment came from, for {@code mixserve engine} children;
 *     null when the built-in default config is served
 */
public record ReplicaSpec(String id, Deployment deployment, LaunchHints hints, Path config) {
  public ReplicaSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(hints, "hints");
  }
}
