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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Shutdown lets admitted requests finish and refuses new ones with 503 + Retry-After. */
public class ShutdownIT {
  @Test
  void inFlightRequestsCompleteDuringShutdown() throws Exception {
    var cfg =
        ConfigLoader.parse(
            """
            server: {host: 127.0.0.1, port: 0}
            deployments:
              - {name: slow, task: embedding, engine: {kind: echo}, batching: {max_wait: 0ms}}
            """,
            "shutdown");
    var server =
        MixserveServer.start(
            cfg, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()));
    server.loaded().get(10, TimeUnit.SECONDS);
    var client = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + server.port() + "/slow/v1/embeddings");
    HttpRequest slow =
        HttpRequest.newBuilder(uri)
            .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"@delay=800ms x\"}"))
            .build();
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(slow, HttpResponse.BodyHandlers.ofString());
    while (server.runtimes().getFirst().gate().running() == 0) {
      Thread.onSpinWait();
    }
    var stopping = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofSeconds(10)));
    Thread.sleep(100);
    var refused =
        client.send(
            HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"late\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    stopping.get(15, TimeUnit.SECONDS);
  }
}
