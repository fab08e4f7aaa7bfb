package dev.mixserve.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.protocol.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's server side over plain HTTP: the pages with their security headers, and the
 * status stream, whose numbers come from the server's own metrics as requests are served.
 */
class DashboardHttpIT {
  @Test
  void pagesAreServedFromTheJarWithAPolicyThatKeepsThemOnTheServer() {
    var root = UiServer.get("/ui");
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/ui/");
    var index = UiServer.get("/ui/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(index.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
    assertThat(index.body()).contains("<script type=\"module\" src=\"js/cluster.js\">");
    assertThat(UiServer.get("/ui/js/common.js").headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(UiServer.get("/ui/js/nothing.js").statusCode()).isEqualTo(404);
    assertThat(UiServer.get("/ui/%2e%2e/pom.xml").statusCode()).isIn(400, 404);
    assertThat(UiServer.get("/ui/..%2fMixserveServer.class").statusCode()).isIn(400, 404);
    var post =
        UiServer.send(
            HttpRequest.newBuilder(URI.create(UiServer.base() + "/ui/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void theStatusStreamShowsEachDeploymentsLoadFromTheMetrics() throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(UiServer.base() + "/-/events?interval_ms=200")).build();
    var res = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(res.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (var in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      assertThat(next(in, "hello").has("history")).isTrue();
      JsonNode cluster = next(in, "cluster");
      assertThat(cluster.get("routes").findValuesAsText("deployment"))
          .containsExactly("llm", "slow-chat", "embeddings", "reranker", "whisper", "tts");
      assertThat(cluster.get("nodes")).isNotEmpty();
      for (int i = 0; i < 12; i++) {
        post("/embeddings/v1/embeddings", "{\"input\": [\"a\", \"b\"]}");
      }
      post(
          "/llm/v1/chat/completions",
          "{\"messages\": [{\"role\": \"user\", \"content\": \"Once\"}], \"max_tokens\": 24}");
      JsonNode status =
          until(
              in,
              s ->
                  deployment(s, "embeddings").get("requests_per_s").asDouble() > 0
                      && deployment(s, "llm").get("tokens_per_s").asDouble() > 0);
      JsonNode emb = deployment(status, "embeddings");
      assertThat(emb.get("state").asText()).isEqualTo("ready");
      assertThat(emb.get("p50_ms").isNumber()).isTrue();
      assertThat(emb.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(emb.get("p50_ms").asDouble());
      assertThat(emb.get("batch_mean").asDouble()).isGreaterThan(0);
      assertThat(emb.get("in_flight").asInt()).isZero();
      JsonNode replica = emb.get("replicas").get(0);
      assertThat(replica.get("state").asText()).isEqualTo("running");
      assertThat(replica.get("restarts").asInt()).isZero();
      assertThat(deployment(status, "tts").get("p50_ms").isNull()).isTrue(); // nothing asked
    }
  }

  @Test
  void anOpenStatusStreamDoesNotHoldUpShutdown() throws Exception {
    var config =
        dev.mixserve.config.ConfigLoader.parse(
            """
            server: {host: 127.0.0.1, port: 0}
            deployments:
              - {name: echo, task: embedding, engine: {kind: echo}}
            """,
            "shutdown.yaml");
    var server =
        dev.mixserve.gateway.MixserveServer.start(
            config,
            dev.mixserve.core.EngineRegistry.discover(),
            new dev.mixserve.api.engine.EngineContext(
                java.nio.file.Path.of("target"), java.util.Map.of()));
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/-/events"))
            .build();
    var res = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (var in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      next(in, "status");
      long t0 = System.nanoTime();
      server.shutdown(Duration.ofSeconds(2));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
      while (in.readLine() != null) {
        // the stream ends with the server
      }
    } catch (java.io.IOException e) {
      // or is cut: either way the client sees it end
    }
  }

  private static JsonNode deployment(JsonNode status, String name) {
    for (JsonNode d : status.get("deployments")) {
      if (d.get("name").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError(name + " not in " + status);
  }

  private static JsonNode until(BufferedReader in, Predicate<JsonNode> ok) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < end) {
      JsonNode s = next(in, "status");
      if (ok.test(s)) {
        return s;
      }
    }
    throw new AssertionError("no status event came that satisfied the test");
  }

  /** The data of the next event named {@code name}, skipping others. */
  private static JsonNode next(BufferedReader in, String name) throws Exception {
    String event = null;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ") && name.equals(event)) {
        return Json.object(line.substring(6).getBytes(StandardCharsets.UTF_8));
      }
    }
    throw new AssertionError("the stream ended before a " + name + " event");
  }

  private static void post(String path, String json) {
    var r =
        UiServer.send(
            HttpRequest.newBuilder(URI.create(UiServer.base() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
