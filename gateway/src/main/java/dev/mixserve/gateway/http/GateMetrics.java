package dev.mixserve.gateway.http;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.ChatEngine;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.core.runtime.DeploymentRuntime;
import java.util.Map;

/** Gauges read from a deployment's admission gate at scrape time. */
public final class GateMetrics {
  private GateMetrics() {}

  public static void register(Metrics registry, DeploymentRuntime rt) {
    var labels = Map.of("deployment", rt.deployment().name());
    registry.gaugeFunction(
        "mixserve_queue_length", "Requests waiting for a slot.", labels, () -> rt.gate().queued());
    registry.gaugeFunction(
        "mixserve_deployment_ready",
        "1 when the deployment's engine is loaded and serving.",
        labels,
        () -> rt.state() instanceof DeploymentRuntime.State.Ready ? 1 : 0);
    if (rt.deployment().task() == Task.CHAT) {
      registry.gaugeFunction(
          "mixserve_slots_busy",
          "Generation slots of a chat engine working now.",
          labels,
          () ->
              rt.state() instanceof DeploymentRuntime.State.Ready r
                      && r.engine() instanceof ChatEngine c
                  ? c.busySlots()
                  : 0);
    }
  }
}
