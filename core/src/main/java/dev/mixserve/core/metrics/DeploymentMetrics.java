package dev.mixserve.core.metrics;

/** The children of {@link ServeMetrics} for one deployment, held so hot paths skip lookups. */
public record DeploymentMetrics(
    String deployment,
    ByStatus requests,
    Histogram latency,
    Histogram queue,
    Histogram batchSize,
    Gauge inFlight,
    Family<Counter> rejected,
    Counter items,
    ChatMetrics chat) {

  /** Once per request: both children are held, so this only adds. */
  public void answered(int status, long nanos) {
    requests.of(status).inc();
    latency.observeNanos(nanos);
  }

  public void rejected(String reason) {
    rejected.child(deployment, reason).inc();
  }

  /** Metrics that go nowhere, for engines run outside a server (benchmarks, tests). */
  public static DeploymentMetrics detached(String name) {
    return new ServeMetrics(new Metrics()).forDeployment(name);
  }

  /**
   * One deployment's request counters by HTTP status, kept in an array by code so that counting an
   * answer neither formats the status nor probes a map. A race fills a slot twice with the same
   * child (the family makes each once); Counter's final field makes the racy read safe.
   */
  public static final class ByStatus {
    private final Family<Counter> family;
    private final String deployment;
    private final Counter[] byCode = new Counter[600];

    ByStatus(Family<Counter> family, String deployment) {
      this.family = family;
      this.deployment = deployment;
    }

    public Counter of(int status) {
      if (status < 0 || status >= byCode.length) {
        return family.child(deployment, Integer.toString(status));
      }
      Counter c = byCode[status];
      if (c == null) {
        c = family.child(deployment, Integer.toString(status));
        byCode[status] = c;
      }
      return c;
    }
  }
}
