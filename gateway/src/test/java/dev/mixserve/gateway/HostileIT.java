package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What hostile clients send, against the front door with short edge timeouts (and, where the
 * handler alone must hold too, against a server whose handler takes the port itself).
 */
public class HostileIT {
  static RawUpstream upstream;
  static MixserveServer front;
  static MixserveServer handlerOnly;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  static final String DEPLOYMENTS =
      """
      deployments:
        - name: raw
          route: /raw
          task: embedding
          engine: {kind: upstream, model: "http://127.0.0.1:%d"}
          health: {interval: 1h, failures: 100}
        - {name: echo, route: /echo, task: embedding, engine: {kind: echo}}
        - {name: hidden, route: /hidden, task: embedding, engine: {kind: echo}}
        - name: talk
          route: /talk
          task: chat
          engine: {kind: echo}
          limits: {max_ongoing_requests: 1, max_queued_requests: 4}
      """;

  @BeforeAll
  static void start() throws Exception {
    upstream = new RawUpstream();
    front =
        start(
            upstream,
            """
            server:
              host: 127.0.0.1
              port: 0
              edge: {header_timeout: 1s, body_timeout: 1s, body_min_rate: 2KiB,
                     keepalive_timeout: 2s, send_timeout: 2s, body_memory: 6MiB}
            """);
    handlerOnly = start(upstream, "server: {host: 127.0.0.1, port: 0, front: \"off\"}\n");
  }

  static MixserveServer start(RawUpstream upstream, String server) throws Exception {
    var s =
        MixserveServer.start(
            ConfigLoader.parse(server + DEPLOYMENTS.formatted(upstream.port()), "hostile"),
            EngineRegistry.discover(),
            new EngineContext(Path.of("target"), Map.of()));
    s.loaded().get(30, TimeUnit.SECONDS);
    return s;
  }

  @AfterAll
  static void stop() throws Exception {
    front.close();
    handlerOnly.close();
    upstream.close();
  }

  static double requests(MixserveServer s, String deployment, int status) throws Exception {
    var scrape =
        CLIENT
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return MetricsText.value(
        scrape,
        "mixserve_requests_total{deployment=\"" + deployment + "\",status=\"" + status + "\"}");
  }

  /** A body that is itself a request: it must never run as one. */
  @Test
  void connectionCloseCloses_andAnUnreadBodyNeverRunsAsARequest() throws Exception {
    String hidden =
        "POST /hidden/v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 13\r\n\r\n"
            + "{\"input\":\"a\"}";
    for (var server : new MixserveServer[] {front, handlerOnly}) {
      for (String method : new String[] {"POST /nowhere", "PUT /-/healthz"}) {
        double before = requests(server, "hidden", 200);
        var heard =
            Wire.exchange(
                server.port(),
                method
                    + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                    + hidden.length()
                    + "\r\n\r\n"
                    + hidden,
                3000);
        assertThat(heard.statuses()).as(method).hasSize(1);
        assertThat(heard.status()).as(method).isIn(404, 405);
        assertThat(heard.closed()).as(method + ": Connection: close closes").isTrue();
        assertThat(requests(server, "hidden", 200)).as(method).isEqualTo(before);
      }
    }
  }

  /** A prefix is matched on the canonical path: a replica never gets a dot-segment to resolve. */
  @Test
  void aDotSegmentNeverCarriesARequestPastItsRoute() throws Exception {
    for (String target :
        new String[] {"/raw/../-/status", "/%2d/status", "http://x/raw/%2E%2E/-/status"}) {
      var heard = Wire.first(front.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n", 3000);
      assertThat(heard.status()).as(target).isEqualTo(200);
      assertThat(heard.text()).as(target + " is the gateway's /-/status").contains("\"replicas\"");
    }
  }

  @Test
  void aHeadSentAByteAtATimeIsCutAtTheHeaderTimeout() throws Exception {
    try (var s = new Socket("127.0.0.1", front.port())) {
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      out.write(Wire.bytes("GET /-/healthz HTTP/1.1\r\nHost: x\r\n"));
      for (int i = 0; i < 12; i++) {
        Thread.sleep(200);
        try {
          out.write('X');
        } catch (java.io.IOException e) {
          break; // closed, as it should be
        }
      }
      var heard = Wire.read(s, 3000, t0);
      assertThat(heard.status()).isEqualTo(408);
      assertThat(heard.closed()).isTrue();
      assertThat(heard.millis()).isLessThan(3500);
    }
  }

  @Test
  void aBodyThatStopsComingIsCutAtTheBodyTimeout() throws Exception {
    var heard =
        Wire.exchange(
            front.port(),
            "POST /echo/v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 4000000\r\n\r\n"
                + "{\"input\":\"ab",
            4000);
    assertThat(heard.status()).isEqualTo(408);
    assertThat(heard.closed()).isTrue();
  }

  @Test
  void aBodyTrickledAByteAtATimeIsCutByTheMinimumRate() throws Exception {
    try (var s = new Socket("127.0.0.1", front.port())) {
      long t0 = System.nanoTime();
      OutputStream out = s.getOutputStream();
      out.write(
          Wire.bytes(
              "POST /echo/v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"));
      for (int i = 0; i < 40; i++) {
        Thread.sleep(100);
        try {
          out.write('a');
        } catch (java.io.IOException e) {
          break;
        }
      }
      var heard = Wire.read(s, 3000, t0);
      assertThat(heard.status()).isEqualTo(408);
      assertThat(heard.text()).contains("slower than");
    }
  }

  @Test
  void aChunkSizeBeyondAnyLengthIsRefusedAtOnce() throws Exception {
    var heard =
        Wire.exchange(
            front.port(),
            "POST /echo/v1/embeddings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "FFFFFFFFFFFFFFFF\r\n",
            3000);
    assertThat(heard.status()).isEqualTo(400);
    assertThat(heard.closed()).isTrue();
  }

  @Test
  void anIdleConnectionIsClosedAtTheKeepAliveTimeout() throws Exception {
    try (var s = new Socket("127.0.0.1", front.port())) {
      long t0 = System.nanoTime();
      s.getOutputStream().write(Wire.bytes("GET /-/healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
      var heard = Wire.read(s, 5000, t0);
      assertThat(heard.status()).isEqualTo(200);
      assertThat(heard.closed()).isTrue();
      assertThat(heard.millis()).isBetween(1500L, 4500L);
    }
  }

  /** Bodies are read whole before admission; what they hold in memory together is bounded. */
  @Test
  void bodiesBeyondTheMemoryBudgetAre503WithRetryAfter() throws Exception {
    String head = "POST /echo/v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 4000000\r\n\r\n";
    try (var first = new Socket("127.0.0.1", front.port());
        var second = new Socket("127.0.0.1", front.port())) {
      // the first holds 4 MB of the 6 MiB budget once it has sent past 2 MiB
      first.getOutputStream().write(Wire.bytes(head + "{\"input\":\"" + "a".repeat(3_000_000)));
      Thread.sleep(300);
      try {
        second.getOutputStream().write(Wire.bytes(head + "{\"input\":\"" + "a".repeat(3_000_000)));
      } catch (java.io.IOException e) {
        // answered and closed while sending
      }
      var heard = Wire.read(second, 3000, System.nanoTime());
      assertThat(heard.status()).isEqualTo(503);
      assertThat(heard.text()).containsIgnoringCase("Retry-After: ");
    }
  }

  /**
   * What a body holds is what it sent, not what it declared: uploads that declare the whole budget
   * and send little deny no one else.
   */
  @Test
  void aDeclaredButUnsentBodyHoldsNoOnesMemory() throws Exception {
    String declared =
        "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 6291456\r\n\r\n{\"model\":\"echo\",\"input\":\"";
    try (var upload = new Socket("127.0.0.1", front.port())) {
      upload.getOutputStream().write(Wire.bytes(declared + "a".repeat(100_000)));
      Thread.sleep(300);
      var heard =
          Wire.first(
              front.port(),
              "POST /echo/v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 13\r\n\r\n"
                  + "{\"input\":\"a\"}",
              3000);
      assertThat(heard.status()).isEqualTo(200);
    }
  }

  /** An error answer to a large upload on a closing connection reaches the client every time. */
  @Test
  void anEarlyErrorToALargeUploadIsNeverLost() throws Exception {
    String body = "x".repeat(70_000);
    for (int i = 0; i < 60; i++) {
      var heard =
          Wire.exchange(
              front.port(),
              "POST /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body,
              5000);
      assertThat(heard.status()).as("attempt " + i).isEqualTo(404);
    }
  }

  /** A non-streamed chat whose client left stops at once and frees its slot for the next. */
  @Test
  void anAbandonedChatFreesItsSlot() throws Exception {
    String chat = "{\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}],\"max_tokens\":8}";
    String slow = chat.formatted("@delay=20s never read");
    try (var s = new Socket("127.0.0.1", front.port())) {
      s.getOutputStream()
          .write(
              Wire.bytes(
                  "POST /talk/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type:"
                      + " application/json\r\nContent-Length: "
                      + slow.length()
                      + "\r\n\r\n"
                      + slow));
      Thread.sleep(500);
    }
    long t0 = System.nanoTime();
    var res =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + front.port() + "/talk/v1/chat/completions"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat.formatted("hello there")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }
}
