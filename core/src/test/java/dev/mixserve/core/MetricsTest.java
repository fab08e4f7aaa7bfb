package dev.mixserve.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.core.metrics.ServeMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
            x_requests_total{deployment="a\\"b",status="200"} 1.0
            # HELP x_seconds Latency.
            # TYPE x_seconds histogram
            x_seconds_bucket{deployment="a",le="0.1"} 1
            x_seconds_bucket{deployment="a",le="1.0"} 2
            x_seconds_bucket{deployment="a",le="+Inf"} 3
            x_seconds_count{deployment="a"} 3
            x_seconds_sum{deployment="a"} 5.55
            """);
    assertThat(m.scrape(null).contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void servesOpenMetricsWhenAsked() {
    var m = new Metrics();
    m.counter("x_requests_total", "Requests.", "deployment").child("a").inc();
    var s = m.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(s.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(new String(s.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            """
            # TYPE x_requests counter
            # HELP x_requests Requests.
            x_requests_total{deployment="a"} 1.0
            # EOF
            """);
    assertThat(m.scrape("text/plain;version=0.0.4;q=0.5,*/*;q=0.1").contentType())
        .startsWith("text/plain; version=0.0.4");
  }

  @Test
  void aNameRegisteredAgainIsTheSameFamilyAndAnotherShapeIsRefused() {
    var m = new Metrics();
    var a = m.counter("x_total", "X.", "deployment");
    assertThat(m.counter("x_total", "X.", "deployment")).isSameAs(a);
    assertThat(a.child("d")).isSameAs(a.child("d"));
    assertThatThrownBy(() -> m.counter("x_total", "X.", "other"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> m.gauge("x_total", "X.", "deployment"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> m.counter("x_requests", "X.")) // would be exposed as x_requests_total
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gaugeFunctionsAreReadAtScrapeTimeOnePerLabelValues() {
    var m = new Metrics();
    int[] queued = {2};
    m.gaugeFunction("x_queue_length", "Q.", Map.of("deployment", "a"), () -> queued[0]);
    m.gaugeFunction("x_queue_length", "Q.", Map.of("deployment", "b"), () -> 7);
    queued[0] = 5;
    assertThat(m.scrape())
        .contains("x_queue_length{deployment=\"a\"} 5.0")
        .contains("x_queue_length{deployment=\"b\"} 7.0");
  }

  @Test
  void aServersRegistryHasTheJvmAndProcessFamiliesAndTwoServersCanHaveThem() {
    var one = Metrics.withJvm();
    new ServeMetrics(one).forDeployment("d").answered(200, 1_000_000);
    var two = Metrics.withJvm();
    for (var m : new Metrics[] {one, two}) {
      assertThat(m.scrape())
          .contains("# TYPE jvm_memory_used_bytes gauge")
          .contains("# TYPE jvm_threads_current gauge")
          .contains("# TYPE jvm_gc_collection_seconds summary")
          .contains("# TYPE process_cpu_seconds_total counter")
          .contains("# TYPE process_start_time_seconds gauge");
    }
    assertThat(one.scrape())
        .contains("mixserve_requests_total{deployment=\"d\",status=\"200\"} 1.0");
    assertThat(two.scrape()).doesNotContain("mixserve_requests_total");
    assertThat(new Metrics().scrape()).doesNotContain("jvm_");
  }

  @Test
  void answeredCountsByStatusWithHeldChildren() {
    var d = new ServeMetrics(new Metrics()).forDeployment("d");
    d.answered(200, 5_000_000);
    d.answered(200, 5_000_000);
    d.answered(503, 1_000_000);
    d.answered(999, 1_000_000); // outside the array of codes: still counted
    assertThat(d.requests().of(200).value()).isEqualTo(2);
    assertThat(d.requests().of(503).value()).isEqualTo(1);
    assertThat(d.requests().of(999).value()).isEqualTo(1);
    assertThat(d.latency().count()).isEqualTo(4);
    assertThat(d.latency().sum()).isCloseTo(0.012, org.assertj.core.data.Offset.offset(1e-9));
  }
}
