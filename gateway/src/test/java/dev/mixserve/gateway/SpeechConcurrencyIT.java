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
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * FreeTTS is not re-entrant: the deployment runs one request at a time whatever max_ongoing says,
 * and with no queue the others are refused at once instead of waiting on a lock in the engine.
 */
public class SpeechConcurrencyIT {
  @Test
  void aNonReentrantEngineRunsOneRequestAndTheQueueBoundHolds() throws Exception {
    var cfg =
        ConfigLoader.parse(
            """
            server: {host: 127.0.0.1, port: 0}
            deployments:
              - {name: tts, task: speech, engine: {kind: freetts}, limits: {max_ongoing_requests: 8, max_queued_requests: 0}}
            """,
            "speech-concurrency");
    try (var server =
        MixserveServer.start(
            cfg, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()))) {
      server.loaded().get(60, TimeUnit.SECONDS);
      var client = HttpClient.newHttpClient();
      String text = "The quick brown fox jumped over the lazy dog. ".repeat(60);
      var req =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.port() + "/tts/v1/audio/speech"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + text + "\"}"))
              .build();
      var codes = new ArrayList<Integer>();
      try (var pool = Executors.newFixedThreadPool(4)) {
        var calls = new ArrayList<Callable<HttpResponse<byte[]>>>();
        for (int i = 0; i < 4; i++) {
          calls.add(() -> client.send(req, HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (var f : pool.invokeAll(calls)) {
          var res = f.get();
          codes.add(res.statusCode());
          if (res.statusCode() == 429) {
            assertThat(res.headers().firstValue("Retry-After")).isPresent();
          }
        }
      }
      assertThat(codes).contains(200, 429).allMatch(c -> c == 200 || c == 429);
    }
  }
}
