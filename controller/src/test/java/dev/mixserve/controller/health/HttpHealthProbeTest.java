package dev.mixserve.controller.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HttpHealthProbeTest {
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpHealthProbe probe = new HttpHealthProbe();
  private HttpServer server;
  private URI base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/ok/", this::answer);
    server.createContext("/broken/", ex -> reply(ex, 500, "boom"));
    server.createContext("/empty/", ex -> reply(ex, 200, ""));
    server.createContext("/hang/", this::hang);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  @ParameterizedTest
  @EnumSource(Task.class)
  void passesWhenTheReplicaAnswers(Task task) {
    var r = probe.check(base.resolve("/ok"), "my-model", task, Duration.ofSeconds(5));

    assertThat(r.ok()).as(r.reason()).isTrue();
    String path =
        switch (task) {
          case CHAT -> "/ok/v1/chat/completions";
          case EMBEDDING -> "/ok/v1/embeddings";
          case RERANK -> "/ok/v1/rerank";
          case TRANSCRIPTION -> "/ok/v1/audio/transcriptions";
          case SPEECH -> "/ok/v1/audio/speech";
        };
    assertThat(bodies).containsKey(path);
    assertThat(bodies.get(path)).contains("my-model");
  }

  @Test
  void sendsTheSmallestRequestOfEachTask() {
    probe.check(base.resolve("/ok"), "m", Task.CHAT, Duration.ofSeconds(5));
    probe.check(base.resolve("/ok"), "m", Task.TRANSCRIPTION, Duration.ofSeconds(5));

    assertThat(bodies.get("/ok/v1/chat/completions")).contains("\"max_tokens\":1");
    assertThat(bodies.get("/ok/v1/audio/transcriptions"))
        .contains("filename=\"silence.wav\"")
        .contains("RIFF")
        .contains("WAVE");
  }

  @Test
  void asksEachServerInTheShapeItTakes() {
    var ok = base.resolve("/ok");
    assertThat(probe.check(ok, deployment("reranker", Task.RERANK, "tei"), SECONDS_5).ok())
        .isTrue();
    assertThat(probe.check(ok, deployment("tts", Task.SPEECH, "xtts"), SECONDS_5).ok()).isTrue();
    assertThat(probe.check(ok, deployment("embeddings", Task.EMBEDDING, "tei"), SECONDS_5).ok())
        .isTrue();
    assertThat(probe.check(ok, deployment("llm", Task.CHAT, "vllm"), SECONDS_5).ok()).isTrue();

    // TEI reranks only on its own route and shape.
    assertThat(bodies.get("/ok/rerank")).isEqualTo("{\"query\":\"ok\",\"texts\":[\"ok\",\"no\"]}");
    assertThat(bodies).doesNotContainKey("/ok/v1/rerank");
    // tts-server speaks with its default speaker when no voice is named; "alloy" is none of its
    // own.
    assertThat(bodies.get("/ok/v1/audio/speech"))
        .isEqualTo("{\"model\":\"tts\",\"input\":\"ok\",\"response_format\":\"wav\"}");
    // The others take the OpenAI shapes, with the deployment's name as the model.
    assertThat(bodies.get("/ok/v1/embeddings")).contains("\"model\":\"embeddings\"");
    assertThat(bodies.get("/ok/v1/chat/completions")).contains("\"model\":\"llm\"");
  }

  private static final Duration SECONDS_5 = Duration.ofSeconds(5);

  private static Deployment deployment(String name, Task task, String kind) {
    return new Deployment(
        name,
        "/" + name,
        task,
        new EngineSpec(kind, "some/model", Map.of()),
        null,
        null,
        1,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void failsOnAnErrorStatus() {
    var r = probe.check(base.resolve("/broken"), "m", Task.EMBEDDING, Duration.ofSeconds(5));

    assertThat(r.ok()).isFalse();
    assertThat(r.timedOut()).as("a broken replica, not a busy one").isFalse();
    assertThat(r.reason()).contains("500");
  }

  @Test
  void failsOnAnEmptyBody() {
    assertThat(probe.check(base.resolve("/empty"), "m", Task.RERANK, Duration.ofSeconds(5)).ok())
        .isFalse();
  }

  @Test
  void failsWithinTheTimeoutWhenTheReplicaHangs() {
    long started = System.nanoTime();

    var r = probe.check(base.resolve("/hang"), "m", Task.CHAT, Duration.ofMillis(300));

    assertThat(r.ok()).isFalse();
    assertThat(r.timedOut()).as(r.reason()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void failsWhenNothingListens() throws IOException {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var r =
        probe.check(URI.create("http://127.0.0.1:" + port), "m", Task.CHAT, Duration.ofSeconds(2));

    assertThat(r.ok()).isFalse();
    assertThat(r.timedOut()).as("refused is down, not busy: " + r.reason()).isFalse();
  }

  private void answer(HttpExchange ex) throws IOException {
    bodies.put(
        ex.getRequestURI().getPath(),
        new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
    reply(ex, 200, "{\"ok\":true}");
  }

  private void hang(HttpExchange ex) throws IOException {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reply(ex, 200, "late");
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
