package dev.mixserve.core.metrics;

/** The children of {@link ServeMetrics} for one deployment, held so hot paths skip lookups. */
public record DeploymentMetrics(
    String deployment,
    Family<Counter> requests,
    Histogram latency,
    Histogram queue,
    Histogram batchSize,
    Gauge inFlight,
    Family<Counter> rejected,
    Counter items,
    ChatMetrics chat) {

  public void answered(int status, long nanos) {
    requests.child(deployment, Integer.toString(status)).inc();
    latency.observeNanos(nanos);
  }

  public void rejected(String reason) {
    rejected.child(deployment, reason).inc();
  }

  /** Metrics that go nowhere, for engines run outside a server (benchmarks, tests). */
  public static DeploymentMetrics detached(String name) {
    return new ServeMetrics(new Metrics()).forDeployment(name);
  }
}
