package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * /metrics must be valid Prometheus text: checked by promtool itself (Debian package prometheus).
 */
class PrometheusIT {
  @Test
  void metricsPassPromtool() throws Exception {
    TestServer.post("/embeddings/v1/embeddings", "{\"input\":\"count me\"}");
    TestServer.get("/no/such/route");
    var res = TestServer.get("/metrics");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    String text = res.body();
    assertThat(text).contains("mixserve_requests_total{deployment=\"embeddings\",status=\"200\"}");
    assertThat(text).contains("mixserve_request_duration_seconds_bucket{deployment=\"embeddings\"");
    assertThat(text).contains("mixserve_requests_in_flight{deployment=\"embeddings\"}");

    Path promtool = Path.of("/usr/bin/promtool");
    boolean ci = "true".equals(System.getenv("CI"));
    if (!Files.isExecutable(promtool)) {
      assertThat(ci).as("CI must install Debian package 'prometheus' for promtool").isFalse();
      assumeTrue(false, "promtool not installed (apt-get install prometheus); skipped outside CI");
    }
    Path file = Files.createTempFile("metrics", ".txt");
    Files.writeString(file, text);
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }
}
