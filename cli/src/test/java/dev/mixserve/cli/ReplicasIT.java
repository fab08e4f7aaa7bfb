package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.ConfigWatcher;
import dev.mixserve.gateway.MixserveServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas as real `mixserve engine` children behind a real gateway, under load: a child killed
 * with SIGKILL, overload, a reload and a broken config. Every load is a bounded loop on loopback.
 */
class ReplicasIT {
  private static final Duration UP = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private MixserveServer server;
  private Load load;

  @AfterEach
  void tearDown() {
    if (load != null) {
      load.stop();
    }
    if (server != null) {
      server.shutdown(Duration.ofSeconds(5));
    }
  }

  private Path config(String deployment) throws Exception {
    Path file = tmp.resolve("mixserve.yaml");
    Files.writeString(
        file,
        """
        server: {host: 127.0.0.1, port: 0}
        deployments:
        """
            + deployment.indent(2));
    return file;
  }

  private String start(Path file) {
    server =
        MixserveServer.start(
            ConfigLoader.load(file),
            EngineRegistry.discover(),
            new EngineContext(tmp.resolve("cache"), Map.of()),
            file);
    return "http://127.0.0.1:" + server.port();
  }

  private static final String ECHO =
      """
      - name: echo
        task: embedding
        engine: {kind: echo}
        replicas: %d
        process: {stop_timeout: 5s}
        health: {interval: 1s, timeout: 2s, failures: 1}
        limits: {max_ongoing_requests: %d, max_queued_requests: %d, timeout: 20s}
      """;

  /** A child's handler is stopped too when the client of a non-streamed chat leaves (#16). */
  @Test
  void anAbandonedChatOnAChildFreesItsSlot() throws Exception {
    String url =
        start(
            config(
                """
                - name: talk
                  task: chat
                  engine: {kind: echo}
                  process: {stop_timeout: 5s}
                  health: {interval: 1h, timeout: 2s, failures: 3}
                  limits: {max_ongoing_requests: 1, max_queued_requests: 4, timeout: 60s}
                """));
    Status.awaitRunning(url, "talk", 1, UP);
    String chat = "{\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}],\"max_tokens\":4}";
    String slow = chat.formatted("@delay=30s never read");
    int port = java.net.URI.create(url).getPort();
    try (var s = new java.net.Socket("127.0.0.1", port)) {
      s.getOutputStream()
          .write(
              ("POST /talk/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type:"
                      + " application/json\r\nContent-Length: "
                      + slow.length()
                      + "\r\n\r\n"
                      + slow)
                  .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      Thread.sleep(1000);
    }
    long t0 = System.nanoTime();
    var next = Http.post(url + "/talk/v1/chat/completions", chat.formatted("hello there"));
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aKilledChildIsRestartedAndNoRequestFails() throws Exception {
    String url = start(config(ECHO.formatted(2, 16, 64)));
    Status.awaitRunning(url, "echo", 2, UP);
    load = Load.start(url + "/echo/v1/embeddings", "{\"input\":\"@delay=20ms hello\"}", 6);
    Thread.sleep(1500);
    var victim = Children.of("echo").getFirst();

    victim.destroyForcibly();

    Thread.sleep(1500);
    Status.awaitRunning(url, "echo", 2, UP);
    Thread.sleep(1000);
    var result = load.stop();
    assertThat(result.failures()).as(result.toString()).isEmpty();
    assertThat(result.ok()).isGreaterThan(50);
    assertThat(Status.metric(url, "mixserve_replica_restarts_total{deployment=\"echo\"}"))
        .isGreaterThanOrEqualTo(1);
    assertThat(Children.of("echo")).hasSize(2).doesNotContain(victim);
  }

  @Test
  void tenfoldOverloadIsAnsweredNeverDroppedOrHung() throws Exception {
    // 2 running + 4 queued fit; 60 clients is 10x that.
    String url = start(config(ECHO.formatted(1, 2, 4)));
    Status.awaitRunning(url, "echo", 1, UP);
    load = Load.start(url + "/echo/v1/embeddings", "{\"input\":\"@delay=100ms x\"}", 60);
    Thread.sleep(5000);
    var result = load.stop();
    assertThat(result.failures()).as(result.toString()).isEmpty();
    assertThat(result.ok()).isGreaterThan(20);
    assertThat(result.refused()).isGreaterThan(100);
    assertThat(result.refusedWithoutRetryAfter()).isZero();
  }

  @Test
  void aReloadUnderLoadFailsNothingAndABrokenConfigIsRefused() throws Exception {
    Path file = config(ECHO.formatted(1, 16, 64));
    String url = start(file);
    ConfigWatcher.start(server, file);
    Status.awaitRunning(url, "echo", 1, UP);
    var before = Children.of("echo");
    load = Load.start(url + "/echo/v1/embeddings", "{\"input\":\"@delay=20ms hello\"}", 4);
    Thread.sleep(1000);

    // A changed spec: a new replica set starts beside the old, takes the route, the old drains.
    Files.writeString(file, Files.readString(file).replace("timeout: 20s", "timeout: 25s"));
    var reload = Http.post(url + "/-/reload", "");
    assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    await()
        .atMost(UP)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                !Children.of("echo").isEmpty()
                    && before.stream().noneMatch(ProcessHandle::isAlive));
    Thread.sleep(1000);

    Files.writeString(file, "deployments: [ {name: echo, task: nonsense} ]");
    var refused = Http.post(url + "/-/reload", "");
    Thread.sleep(1000);
    var result = load.stop();

    assertThat(result.failures()).as(result.toString()).isEmpty();
    assertThat(result.ok()).isGreaterThan(30);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("config refused, the running one stays");
    assertThat(Http.post(url + "/echo/v1/embeddings", "{\"input\":\"still\"}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void anIdleDeploymentScaledToZeroHoldsItsFirstRequestWhileAReplicaStarts() throws Exception {
    String url =
        start(
            config(
                """
                - name: lazy
                  task: embedding
                  engine: {kind: echo}
                  process: {}
                  replicas: {min: 0, max: 2, target_ongoing_requests: 4, downscale_delay: 2s}
                """));
    assertThat(Http.get(url + "/-/healthz").body()).contains("idle (scaled to zero)");
    assertThat(Children.of("lazy")).isEmpty();

    var first = Http.post(url + "/lazy/v1/embeddings", "{\"input\":\"wake up\"}");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(Children.of("lazy")).hasSize(1);
    await()
        .atMost(UP)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Children.of("lazy").isEmpty());
    assertThat(Status.running(url, "lazy")).isZero();
  }

  @Test
  void theEmbeddingEngineServesFromAChildAndItsMetricsPassPromtool() throws Exception {
    String url =
        start(
            config(
                """
                - name: bge
                  task: embedding
                  engine: {kind: onnx-bert, model: "builtin:bge-small-en-v1.5"}
                  process: {}
                """));
    Status.awaitRunning(url, "bge", 1, UP);

    var res = Http.post(url + "/v1/embeddings", "{\"model\":\"bge\",\"input\":\"a red apple\"}");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertThat(res.body()).contains("\"embedding\":[").contains("\"prompt_tokens\":");
    var v2 =
        Http.post(
            url + "/v2/models/bge/infer",
            "{\"inputs\":[{\"name\":\"text\",\"shape\":[1],\"datatype\":\"BYTES\","
                + "\"data\":[\"a red apple\"]}]}");
    assertThat(v2.statusCode()).as(v2.body()).isEqualTo(200);
    assertThat(v2.body()).contains("\"datatype\":\"FP32\"");
    assertThat(Http.get(url + "/v2/models/bge/ready").statusCode()).isEqualTo(200);
    String metrics = Http.get(url + "/metrics").body();
    assertThat(metrics)
        .contains("mixserve_replicas{deployment=\"bge\",state=\"running\"} 1.0")
        .contains("mixserve_controller_step_seconds_bucket{step=\"health\"")
        .contains("mixserve_replica_restarts_total{deployment=\"bge\"} 0.0");
    Promtool.check(metrics);
  }

  /**
   * The `mixserve engine` children of this JVM: its java descendants (each test serves one
   * deployment; their argument lists, with the whole class path, are too long for /proc to show).
   */
  static final class Children {
    static List<ProcessHandle> of(String deployment) {
      return ProcessHandle.current()
          .descendants()
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
          .toList();
    }
  }
}
