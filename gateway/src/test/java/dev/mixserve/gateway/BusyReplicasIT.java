package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two upstream replicas of one server that works on one request at a time, kept full by the
 * gateway: every health check queues behind user calls far longer than its timeout, while the
 * replicas keep answering. Being busy is not being broken: no replica fails, no call gets a 503.
 */
public class BusyReplicasIT {
  private static final Duration WORK = Duration.ofMillis(200);

  private final HttpClient client = HttpClient.newHttpClient();
  private final ExecutorService serial = Executors.newSingleThreadExecutor();
  private HttpServer upstream;
  private MixserveServer front;

  @AfterEach
  void stop() {
    if (front != null) {
      front.close();
    }
    if (upstream != null) {
      upstream.stop(0);
    }
    serial.shutdownNow();
  }

  @Test
  void healthChecksThatQueueBehindAnsweredCallsFailNoReplica() throws Exception {
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.setExecutor(serial); // one at a time, in arrival order, as an engine's own queue
    upstream.createContext("/v1/embeddings", BusyReplicasIT::work);
    upstream.start();
    // 2 replicas x 2 calls in flight: the upstream always has about 3 calls of 200 ms queued, so
    // a check waits ~600 ms against a 250 ms timeout; two such checks in a row used to fail both.
    front =
        MixserveServer.start(
            ConfigLoader.parse(
                """
                server: {host: 127.0.0.1, port: 0}
                deployments:
                  - name: busy
                    task: embedding
                    engine: {kind: upstream, model: "http://127.0.0.1:%d"}
                    replicas: 2
                    health: {interval: 1s, timeout: 250ms, failures: 2}
                    limits: {max_ongoing_requests: 2, timeout: 20s}
                """
                    .formatted(upstream.getAddress().getPort()),
                "busy"),
            EngineRegistry.discover(),
            new EngineContext(Path.of("target"), Map.of()));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> metric("mixserve_replicas{deployment=\"busy\",state=\"running\"}") == 2);

    var statuses = load(6, Duration.ofSeconds(5));

    assertThat(statuses).as("answers by status").containsOnlyKeys(200);
    assertThat(statuses.get(200).get()).isGreaterThan(10);
    assertThat(metric("mixserve_health_checks_total{deployment=\"busy\",result=\"busy\"}"))
        .as("checks that timed out while the replica answered calls")
        .isPositive();
    assertThat(metric("mixserve_replica_restarts_total{deployment=\"busy\"}")).isZero();
    assertThat(metric("mixserve_replicas{deployment=\"busy\",state=\"running\"}")).isEqualTo(2);
  }

  private static void work(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    try {
      Thread.sleep(WORK);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] body =
        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5]}]}"
            .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  /** {@code clients} loops calling the deployment for {@code length}; answers by status. */
  private Map<Integer, AtomicInteger> load(int clients, Duration length) throws Exception {
    var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
    var stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!stop.get()) {
                      int status = call();
                      statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                  }));
    }
    Thread.sleep(length);
    stop.set(true);
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(30));
    }
    return statuses;
  }

  private int call() {
    try {
      return client
          .send(
              HttpRequest.newBuilder(uri("/busy/v1/embeddings"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"x\"}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1; // a connection the gateway dropped counts as a failure too
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -2;
    }
  }

  private double metric(String series) throws Exception {
    String scrape =
        client
            .send(
                HttpRequest.newBuilder(uri("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return MetricsText.value(scrape, series);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + front.port() + path);
  }
}
