package dev.mixserve.core.metrics;

/**
 * What chat deployments report besides the request metrics: time to first token, inter-token
 * latency (per streamed piece) and tokens in and out.
 */
public record ChatMetrics(
    Histogram timeToFirstToken,
    Histogram interToken,
    Counter promptTokens,
    Counter completionTokens) {

  /** Registers the families (idempotent) and returns the children of one deployment. */
  static ChatMetrics register(Metrics registry, String deployment) {
    var ttft =
        registry.histogram(
            "mixserve_time_to_first_token_seconds",
            "Time from request received to the first generated token.",
            Metrics.latencyBuckets(),
            "deployment");
    var itl =
        registry.histogram(
            "mixserve_inter_token_latency_seconds",
            "Time between two generated pieces of one stream.",
            new double[] {1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 1},
            "deployment");
    var tokens =
        registry.counter(
            "mixserve_tokens_total",
            "Tokens read (prompt) and generated (completion) by chat engines.",
            "deployment",
            "kind");
    return new ChatMetrics(
        ttft.child(deployment),
        itl.child(deployment),
        tokens.child(deployment, "prompt"),
        tokens.child(deployment, "completion"));
  }
}
