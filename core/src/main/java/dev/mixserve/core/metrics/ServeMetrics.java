package dev.mixserve.core.metrics;

/** The metric families every deployment reports, registered once per server. */
public final class ServeMetrics {
  private final Metrics registry;
  private final Family<Counter> requests;
  private final Family<Histogram> latency;
  private final Family<Histogram> queue;
  private final Family<Histogram> batch;
  private final Family<Gauge> inFlight;
  private final Family<Counter> rejected;
  private final Family<Counter> items;

  public ServeMetrics(Metrics registry) {
    this.registry = registry;
    requests =
        registry.counter(
            "mixserve_requests_total", "Requests answered, by deployment and HTTP status.",
            "deployment", "status");
    latency =
        registry.histogram(
            "mixserve_request_duration_seconds",
            "Time from request received to response sent.",
            Metrics.latencyBuckets(),
            "deployment");
    queue =
        registry.histogram(
            "mixserve_queue_duration_seconds",
            "Time a request waited before an engine took it.",
            Metrics.latencyBuckets(),
            "deployment");
    batch =
        registry.histogram(
            "mixserve_batch_size",
            "Items per engine call after dynamic batching.",
            Metrics.sizeBuckets(),
            "deployment");
    inFlight =
        registry.gauge(
            "mixserve_requests_in_flight", "Requests admitted and not yet answered.", "deployment");
    rejected =
        registry.counter(
            "mixserve_requests_rejected_total", "Requests refused by admission control, by reason.",
            "deployment", "reason");
    items =
        registry.counter(
            "mixserve_engine_items_total",
            "Items (texts, pairs) processed by engines.",
            "deployment");
  }

  /** A server's metrics: its scrape also has the JVM and process families. */
  public static ServeMetrics forServer() {
    return new ServeMetrics(Metrics.withJvm());
  }

  public Metrics registry() {
    return registry;
  }

  /**
   * Metrics for requests that match no deployment: counted by status and timed, with no batch or
   * queue series of their own.
   */
  public DeploymentMetrics unrouted() {
    var detached = new ServeMetrics(new Metrics()).forDeployment("-");
    return new DeploymentMetrics(
        "-",
        new DeploymentMetrics.ByStatus(requests, "-"),
        latency.child("-"),
        detached.queue(),
        detached.batchSize(),
        detached.inFlight(),
        rejected,
        detached.items(),
        detached.chat());
  }

  public DeploymentMetrics forDeployment(String name) {
    return new DeploymentMetrics(
        name,
        new DeploymentMetrics.ByStatus(requests, name),
        latency.child(name),
        queue.child(name),
        batch.child(name),
        inFlight.child(name),
        rejected,
        items.child(name),
        ChatMetrics.register(registry, name));
  }
}
