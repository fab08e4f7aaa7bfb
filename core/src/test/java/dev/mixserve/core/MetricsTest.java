package dev.mixserve.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.core.metrics.Metrics;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void rendersPrometheusTextWithCumulativeBuckets() {
    var m = new Metrics();
    m.counter("x_requests_total", "Requests.", "deployment", "status").child("a\"b", "200").inc();
    var h = m.histogram("x_seconds", "Latency.", new double[] {0.1, 1}, "deployment").child("a");
    h.observe(0.05);
    h.observe(0.5);
    h.observe(5);
    assertThat(m.scrape())
        .isEqualTo(
            """
            # HELP x_requests_total Requests.
            # TYPE x_requests_total counter
            x_requests_total{deployment="a\\"b",status="200"} 1
            # HELP x_seconds Latency.
            # TYPE x_seconds histogram
            x_seconds_bucket{deployment="a",le="0.1"} 1
            x_seconds_bucket{deployment="a",le="1"} 2
            x_seconds_bucket{deployment="a",le="+Inf"} 3
            x_seconds_sum{deployment="a"} 5.55
            x_seconds_count{deployment="a"} 3
            """);
  }
}
