package dev.mixserve.controller;

import dev.mixserve.core.metrics.Counter;
import dev.mixserve.core.metrics.Family;
import dev.mixserve.core.metrics.Gauge;
import dev.mixserve.core.metrics.Histogram;
import dev.mixserve.core.metrics.Metrics;
import java.util.Locale;
import java.util.Map;

/** The controller's metric families. */
final class ControllerMetrics {
  private static final double[] STEP_BUCKETS = {
    1e-5, 1e-4, 5e-4, 1e-3, 5e-3, 0.01, 0.05, 0.1, 0.5, 1, 5
  };

  private final Metrics registry;
  private final Family<Histogram> stepSeconds;
  private final Family<Counter> stepErrors;
  private final Family<Gauge> replicas;
  private final Family<Counter> restarts;
  private final Family<Counter> checks;

  ControllerMetrics(Metrics registry) {
    this.registry = registry;
    stepSeconds =
        registry.histogram(
            "mixserve_controller_step_seconds",
            "Time one step of the control loop took.",
            STEP_BUCKETS,
            "step");
    stepErrors =
        registry.counter(
            "mixserve_controller_step_errors_total",
            "Control loop steps that threw; the loop goes on.",
            "step");
    replicas =
        registry.gauge(
            "mixserve_replicas", "Replicas by deployment and state.", "deployment", "state");
    restarts =
        registry.counter(
            "mixserve_replica_restarts_total",
            "Replicas started again after a failure.",
            "deployment");
    checks =
        registry.counter(
            "mixserve_health_checks_total",
            "Health checks of replicas by result: ok, failed, or busy (timed out while the"
                + " replica answered calls, which counts as passed).",
            "deployment",
            "result");
  }

  ReplicaMetrics forDeployment(String deployment) {
    return new ReplicaMetrics(
        restarts.child(deployment),
        checks.child(deployment, "ok"),
        checks.child(deployment, "busy"),
        checks.child(deployment, "failed"));
  }

  void stepTook(String step, long nanos) {
    stepSeconds.child(step).observeNanos(nanos);
  }

  void stepFailed(String step) {
    stepErrors.child(step).inc();
  }

  /** Sets every state's count, zeros included, so a state that empties reads 0 and not stale. */
  void states(String deployment, Map<ReplicaState, Integer> counts) {
    for (ReplicaState s : ReplicaState.values()) {
      replicas.child(deployment, s.name().toLowerCase(Locale.ROOT)).set(counts.getOrDefault(s, 0));
    }
  }

  void watch(ReplicaPool pool) {
    registry.gaugeFunction(
        "mixserve_replica_pool_waiters",
        "Requests waiting for a deployment's first replica to run.",
        Map.of("deployment", pool.deployment()),
        pool::waiters);
  }
}
