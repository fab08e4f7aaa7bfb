package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A full slot with a slow request in it: a newcomer that the measured rate says would wait longer
 * than the default queue limit (5 s) is refused at once with Retry-After, instead of waiting.
 */
public class QueueDeadlineIT {
  @Test
  void aRequestThatWouldWaitPastTheQueueLimitIsRefusedAtOnce() throws Exception {
    var cfg =
        ConfigLoader.parse(
            """
            server: {host: 127.0.0.1, port: 0}
            deployments:
              - name: slow
                task: embedding
                engine: {kind: echo, options: {dimensions: 4}}
                limits: {max_ongoing_requests: 1, max_queued_requests: 8}
                batching: {max_batch_size: 1, max_wait: 0ms}
            """,
            "queue-deadline");
    try (var server =
        MixserveServer.start(
            cfg, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()))) {
      server.loaded().get(60, TimeUnit.SECONDS);
      var client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      // One request measured: each holds the only slot about 6 s.
      assertThat(embed(client, base, "@delay=6s warm").statusCode()).isEqualTo(200);

      CompletableFuture<HttpResponse<String>> holder =
          CompletableFuture.supplyAsync(() -> embed(client, base, "@delay=6s hold"));
      while (!send(client, HttpRequest.newBuilder(URI.create(base + "/-/routes")).build())
          .body()
          .contains("\"in_flight\":1")) {
        Thread.onSpinWait();
      }

      var refused = embed(client, base, "quick");
      assertThat(holder).as("answered while the slot is still held: nobody waited").isNotDone();
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("would wait about", "5000 ms queue limit");
      // OpenAI SDKs raise InternalServerError for a 503: the body must not call it a rate limit.
      assertThat(refused.body()).contains("\"type\":\"server_error\"");
      int retryAfter = Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(5, 60);
      assertThat(holder.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> embed(HttpClient client, String base, String input) {
    return send(
        client,
        HttpRequest.newBuilder(URI.create(base + "/slow/v1/embeddings"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + input + "\"}"))
            .build());
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
