package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * /metrics must be valid Prometheus text, checked by promtool itself (Debian package prometheus),
 * and valid OpenMetrics when the scraper asks for it, checked by the OpenMetrics parser of the
 * Python client (Debian package python3-prometheus-client): promtool reads only the text format.
 */
public class PrometheusIT {
  @Test
  void metricsPassPromtool() throws Exception {
    TestServer.post("/embeddings/v1/embeddings", "{\"input\":\"count me\"}");
    TestServer.get("/no/such/route");
    var res = TestServer.get("/metrics");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type").orElse(""))
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    String text = res.body();
    assertThat(text).contains("mixserve_requests_total{deployment=\"embeddings\",status=\"200\"}");
    assertThat(text).contains("mixserve_request_duration_seconds_bucket{deployment=\"embeddings\"");
    assertThat(text).contains("mixserve_requests_in_flight{deployment=\"embeddings\"}");
    assertThat(text)
        .contains("# TYPE mixserve_front_direct_total counter")
        .contains("# TYPE mixserve_front_connections_refused_total counter");
    check(List.of("/usr/bin/promtool", "check", "metrics"), "prometheus", text);
  }

  @Test
  void metricsHaveTheJvmAndProcessFamilies() throws Exception {
    String text = TestServer.get("/metrics").body();
    assertThat(text)
        .contains("# TYPE jvm_memory_used_bytes gauge")
        .contains("jvm_memory_used_bytes{area=\"heap\"}")
        .contains("# TYPE jvm_threads_current gauge")
        .contains("# TYPE jvm_gc_collection_seconds summary")
        .contains("# TYPE process_cpu_seconds_total counter")
        .contains("# TYPE process_resident_memory_bytes gauge");
  }

  @Test
  void openMetricsWhenTheScraperAsks() throws Exception {
    TestServer.post("/embeddings/v1/embeddings", "{\"input\":\"count me\"}");
    var res =
        TestServer.send(
            HttpRequest.newBuilder(TestServer.uri("/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0")
                .GET()
                .build());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type").orElse(""))
        .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
    String text = res.body();
    assertThat(text).endsWith("# EOF\n");
    assertThat(text)
        .contains("# TYPE mixserve_requests counter")
        .contains("mixserve_requests_total{deployment=\"embeddings\",status=\"200\"}")
        .contains("# TYPE jvm_memory_used_bytes gauge");
    check(
        List.of(
            "/usr/bin/python3",
            "-c",
            "import sys\n"
                + "from prometheus_client.openmetrics.parser import"
                + " text_string_to_metric_families as parse\n"
                + "print(len(list(parse(sys.stdin.read()))), 'families')"),
        "python3-prometheus-client",
        text);
  }

  /** Runs a checker on the scrape; skips where its Debian package is missing, except in CI. */
  private static void check(List<String> command, String debianPackage, String scrape)
      throws Exception {
    boolean present =
        new ProcessBuilder("dpkg", "-s", debianPackage)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor()
            == 0;
    if (!present) {
      assertThat(System.getenv("CI"))
          .as("CI must install Debian package '%s' (.ci/deps)", debianPackage)
          .isNotEqualTo("true");
      assumeTrue(false, debianPackage + " not installed; skipped outside CI");
    }
    Path file = Files.createTempFile("metrics", ".txt");
    Files.writeString(file, scrape);
    Process p =
        new ProcessBuilder(command).redirectInput(file.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    Files.delete(file);
  }
}
