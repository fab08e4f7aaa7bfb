package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's status stream (/-/events) on a replica that is a real `mixserve engine` child:
 * killed with SIGKILL, it shows as failed, with the reason, within {@link #BOUND} (the supervisor
 * sees the exit at once; the stream, asked for every 200 ms, tells it at its next event), and as
 * running again, one restart later, once the restart policy's backoff (1 s) has passed.
 */
class DashboardReplicaIT {
  static final Duration BOUND = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void aKilledReplicaShowsAsFailedWithinTheBoundAndBackWhenItRestarts() throws Exception {
    Path file = tmp.resolve("mixserve.yaml");
    Files.writeString(
        file,
        """
        server: {host: 127.0.0.1, port: 0}
        deployments:
          - name: echo
            task: embedding
            engine: {kind: echo}
            process: {stop_timeout: 5s}
            health: {interval: 1s, timeout: 2s, failures: 1}
        """);
    try (var server =
        MixserveServer.start(
            ConfigLoader.load(file),
            EngineRegistry.discover(),
            new EngineContext(tmp.resolve("cache"), Map.of()),
            file)) {
      var events =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + server.port() + "/-/events?interval_ms=200"))
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      try (var in =
          new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
        // the stream may say running before the child is there to kill (a replica being made)
        until(
            in,
            r ->
                r.get("state").asText().equals("running")
                    && !ReplicasIT.Children.of("echo").isEmpty(),
            Duration.ofSeconds(60));
        var child = ReplicasIT.Children.of("echo").getFirst();
        long killed = System.nanoTime();

        child.destroyForcibly();

        JsonNode failed = until(in, r -> r.get("state").asText().equals("failed"), BOUND);
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(BOUND);
        assertThat(failed.get("last_error").asText()).contains("SIGKILL");
        JsonNode back =
            until(in, r -> r.get("state").asText().equals("running"), Duration.ofSeconds(60));
        assertThat(back.get("restarts").asInt()).isEqualTo(1);
      }
    }
  }

  /** The echo deployment's replica in the first status event where it satisfies {@code ok}. */
  private static JsonNode until(BufferedReader in, Predicate<JsonNode> ok, Duration atMost)
      throws Exception {
    long end = System.nanoTime() + atMost.toNanos();
    String event = null;
    JsonNode last = null;
    for (String line = in.readLine();
        line != null && System.nanoTime() < end;
        line = in.readLine()) {
      if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ") && "status".equals(event)) {
        for (JsonNode d : JSON.readTree(line.substring(6)).get("deployments")) {
          for (JsonNode r : d.get("replicas")) {
            last = r;
            if (ok.test(r)) {
              return r;
            }
          }
        }
      }
    }
    throw new AssertionError(
        "no status event within " + atMost + " satisfied the test; last: " + last);
  }
}
