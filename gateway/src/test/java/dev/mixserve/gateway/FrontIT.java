package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The front door on the public port, between real clients and {@link RawUpstream}: requests for a
 * replica go direct in every framing, everything else reaches the handler unchanged, and the
 * counters say which path each took.
 */
public class FrontIT {
  static RawUpstream upstream;
  static RawUpstream leaving;
  static MixserveServer server;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    upstream = new RawUpstream();
    leaving = new RawUpstream();
    server =
        MixserveServer.start(
            ConfigLoader.parse(
                """
                server: {host: 127.0.0.1, port: 0}
                deployments:
                  - name: raw
                    route: /raw
                    task: embedding
                    engine: {kind: upstream, model: "http://127.0.0.1:%d"}
                    limits: {timeout: 1s}
                    health: {interval: 1h, failures: 100}
                  - name: talk
                    route: /talk
                    task: chat
                    engine: {kind: upstream, model: "http://127.0.0.1:%d"}
                    limits: {timeout: 1s}
                    health: {interval: 1h, failures: 100}
                  - name: gone
                    route: /gone
                    task: embedding
                    engine: {kind: upstream, model: "http://127.0.0.1:%d"}
                    health: {interval: 1h, failures: 100}
                  - {name: local, route: /local, task: embedding, engine: {kind: echo}}
                """
                    .formatted(upstream.port(), upstream.port(), leaving.port()),
                "front"),
            EngineRegistry.discover(),
            new EngineContext(Path.of("target"), Map.of()));
    server.loaded().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    upstream.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static double metric(String series) throws Exception {
    return MetricsText.value(get("/metrics").body(), series);
  }

  static double direct() throws Exception {
    return metric("mixserve_front_direct_total");
  }

  @Test
  void everyFramingGoesDirect() throws Exception {
    double before = direct();
    var fixed = get("/raw/fixed");
    assertThat(fixed.body()).isEqualTo("hello");
    assertThat(fixed.headers().firstValue("X-Up")).hasValue("1");
    assertThat(fixed.headers().firstValue("Keep-Alive")).isEmpty();
    var chunked = get("/raw/chunked");
    assertThat(chunked.statusCode()).isEqualTo(201);
    assertThat(chunked.body()).isEqualTo("hello world");
    assertThat(get("/raw/close").body()).isEqualTo("until the end");
    assertThat(get("/raw/big").body()).hasSize(200_000);
    assertThat(get("/raw/interim").body()).isEqualTo("ok");
    assertThat(get("/raw/nothing-here").statusCode()).isEqualTo(404);
    assertThat(direct() - before).isGreaterThanOrEqualTo(6);
  }

  @Test
  void aReloadCannotTurnTheFrontDoorOff() {
    assertThat(server.config().server().front()).isEqualTo(dev.mixserve.api.Server.Front.AUTO);
    var off =
        ConfigLoader.parse(
            "server: {host: 127.0.0.1, port: 0, front: \"off\"}\ndeployments: []\n", "off");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> server.reload(off, Duration.ofSeconds(5)))
        .hasMessageContaining("server.front changes only with a restart");
  }

  @Test
  void theForwardedHeadIsTheHandlersHead() throws Exception {
    var res =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/raw/head?q=1"))
                .header("X-Custom", "kept")
                .header("Keep-Alive", "timeout=1")
                .header("TE", "trailers")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.body())
        .startsWith("POST /head?q=1 HTTP/1.1\r\nHost: 127.0.0.1:" + upstream.port() + "\r\n")
        .contains("X-Custom: kept", "Content-Length: 7")
        .doesNotContainIgnoringCase("keep-alive")
        .doesNotContainIgnoringCase("te: trailers")
        .doesNotContainIgnoringCase("upgrade");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
    String two =
        "GET /raw/fixed HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /raw/chunked HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /-/healthz HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /raw/fixed HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    String all = exchange(two);
    int fixed = all.indexOf("hello");
    int chunked = all.indexOf("HTTP/1.1 201");
    int health = all.indexOf("\"status\"");
    int last = all.lastIndexOf("hello");
    assertThat(fixed).isPositive().isLessThan(chunked);
    assertThat(chunked).isLessThan(health);
    assertThat(health).isLessThan(last);
  }

  @Test
  void aConnectionMixingRoutesReachesBothPaths() throws Exception {
    double before = direct();
    try (var s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      var out = s.getOutputStream();
      var in = s.getInputStream();
      out.write(request("/raw/fixed", "").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(response(in)).contains("hello");
      out.write(request("/local/v1/embeddings", "{\"input\":\"a\"}").getBytes());
      assertThat(response(in)).contains("\"embedding\"");
      out.write(request("/raw/fixed", "").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(response(in)).contains("hello");
      out.write("HEAD /-/healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
      assertThat(headOnly(in)).startsWith("HTTP/1.1 ");
      out.write(request("/raw/fixed", "").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(response(in)).contains("hello");
    }
    assertThat(direct() - before).as("each request chooses its path").isEqualTo(3);
  }

  private static String headOnly(InputStream in) throws Exception {
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      head.append((char) in.read());
    }
    return head.toString();
  }

  @Test
  void aSlowReaderGetsALargeAnswerWholeAndTheNextOneToo() throws Exception {
    try (var s = new Socket()) {
      s.setReceiveBufferSize(4096); // the answer cannot fit in flight: the front door must wait
      s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request("/raw/big", "").getBytes(StandardCharsets.ISO_8859_1));
      Thread.sleep(300);
      var in = s.getInputStream();
      String big = response(in);
      assertThat(big).startsWith("HTTP/1.1 200").endsWith("x".repeat(1000));
      assertThat(big.length() - big.indexOf("\r\n\r\n") - 4).isEqualTo(200_000);
      s.getOutputStream().write(request("/raw/fixed", "").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(response(in)).endsWith("hello");
    }
  }

  @Test
  void aMalformedRequestIsA400InOpenAiFormat() throws Exception {
    String res = exchange("GET /raw/fixed HTTP/1.1\r\nHost: x\r\nContent-Length: no\r\n\r\n");
    assertThat(res).startsWith("HTTP/1.1 400").contains("\"error\"", "Content-Length");
    String bareLf = exchange("GET /raw/fixed HTTP/1.1\nHost: x\n\n");
    assertThat(bareLf).startsWith("HTTP/1.1 400").contains("CRLF");
    assertThat(get("/raw/fixed").body()).isEqualTo("hello"); // and the server keeps serving
  }

  @Test
  void aConnectionTheReplicaClosedIsReplacedUnseen() throws Exception {
    assertThat(get("/raw/once").body()).isEqualTo("hello");
    // the idle connection the replica closed is noticed, or retried on a new one: never seen
    for (int i = 0; i < 5; i++) {
      assertThat(get("/raw/once").body()).isEqualTo("hello");
    }
  }

  @Test
  void aReplicaGoneBeforeTheRequestLeftGoesToTheHandlerWhichSays503() throws Exception {
    leaving.close(); // it was running; now nothing listens there
    double before = metric("mixserve_front_handler_total{reason=\"retry\"}");
    var res =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/gone/v1/embeddings"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"a\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(503);
    assertThat(res.headers().firstValue("Retry-After")).isPresent();
    assertThat(res.body()).contains("\"error\"");
    assertThat(metric("mixserve_front_handler_total{reason=\"retry\"}"))
        .isGreaterThanOrEqualTo(before + 1);
  }

  @Test
  void aReplicaThatNeverAnswersIs503AfterTheDeadline() throws Exception {
    long t0 = System.nanoTime();
    var res = get("/talk/silent");
    assertThat(res.statusCode()).isEqualTo(503);
    assertThat(res.body()).contains("did not answer within 1000 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aChunkedUploadGoesThroughTheHandler() throws Exception {
    double before = metric("mixserve_front_streamed_total{reason=\"chunked\"}");
    String res;
    try (var s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream()
          .write(
              ("POST /raw/head HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + "3\r\nabc\r\n0\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      res = response(s.getInputStream());
    }
    assertThat(res).startsWith("HTTP/1.1 200").contains("POST /head HTTP/1.1", "Content-Length: 3");
    assertThat(metric("mixserve_front_streamed_total{reason=\"chunked\"}"))
        .isGreaterThanOrEqualTo(before + 1);
  }

  @Test
  void aClientThatLeavesAStreamStopsItAndFreesTheSlot() throws Exception {
    var raw =
        server.runtimes().stream().filter(r -> r.deployment().name().equals("raw")).findFirst();
    int cut = upstream.dripsCut.get();
    try (var s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(request("/raw/drip", "").getBytes(StandardCharsets.ISO_8859_1));
      var in = s.getInputStream();
      byte[] first = new byte[64];
      assertThat(in.read(first)).isPositive();
      assertThat(raw.get().gate().running()).isEqualTo(1);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> raw.get().gate().running() == 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> upstream.dripsCut.get() > cut);
  }

  private static String request(String path, String body) {
    return (body.isEmpty() ? "GET " : "POST ")
        + path
        + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  /** Reads one response with a Content-Length or chunked body. */
  private static String response(InputStream in) throws Exception {
    var head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    String h = head.toString();
    var m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(h);
    if (m.find()) {
      return h + new String(in.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.UTF_8);
    }
    var body = new StringBuilder();
    while (!body.toString().endsWith("0\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      body.append((char) b);
    }
    return h + body;
  }

  /** Writes the bytes, then reads until the server closes. */
  private static String exchange(String bytes) throws Exception {
    try (var s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
      var all = new ByteArrayOutputStream();
      s.getInputStream().transferTo(all);
      return all.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
