package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge that real clients and proxies expect (#19): HTTP/1.0 (nginx's default proxy_pass
 * speaks it), CORS, gzip both ways, and Debian's nginx with its default proxy settings in front.
 */
public class EdgeIT {
  static RawUpstream upstream;
  static MixserveServer server;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    upstream = new RawUpstream();
    server =
        MixserveServer.start(
            ConfigLoader.parse(
                """
                server:
                  host: 127.0.0.1
                  port: 0
                  cors: {allow_origins: ["https://app.example"]}
                deployments:
                  - {name: embeddings, task: embedding, engine: {kind: echo, options: {dimensions: 64}}}
                  - {name: reranker, task: rerank, engine: {kind: echo}}
                  - {name: chat, task: chat, engine: {kind: echo}}
                  - name: raw
                    route: /raw
                    task: embedding
                    engine: {kind: upstream, model: "http://127.0.0.1:%d"}
                    health: {interval: 1h, failures: 100}
                """
                    .formatted(upstream.port()),
                "edge"),
            EngineRegistry.discover(),
            new EngineContext(Path.of("target"), Map.of()));
    server.loaded().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    upstream.close();
  }

  static String chatJson(boolean stream) {
    return "{\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}],\"stream\":"
        + stream
        + "}";
  }

  @Test
  void http10IsServedClosingUnlessAskedToKeepAlive() throws Exception {
    var heard = Wire.exchange(server.port(), "GET /-/healthz HTTP/1.0\r\n\r\n", 3000);
    assertThat(heard.status()).isEqualTo(200);
    assertThat(heard.closed()).isTrue();
    assertThat(heard.text()).containsIgnoringCase("Connection: close");

    String twice = "GET /-/healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
    var kept = Wire.exchange(server.port(), twice + twice, 1500);
    assertThat(kept.text().split("HTTP/1.1 200 ", -1)).as("two answers").hasSize(3);
    assertThat(kept.text()).containsIgnoringCase("Connection: keep-alive");
  }

  @Test
  void anHttp10ClientGetsChunkedAnswersAsPlainDataEndedByTheClose() throws Exception {
    var direct = Wire.exchange(server.port(), "GET /raw/chunked HTTP/1.0\r\n\r\n", 3000);
    assertThat(direct.status()).isEqualTo(201);
    assertThat(direct.closed()).isTrue();
    assertThat(direct.text())
        .doesNotContainIgnoringCase("transfer-encoding")
        .endsWith("hello world");

    String body = chatJson(true);
    var sse =
        Wire.exchange(
            server.port(),
            "POST /chat/v1/chat/completions HTTP/1.0\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n"
                + body,
            5000);
    assertThat(sse.status()).isEqualTo(200);
    assertThat(sse.closed()).isTrue();
    assertThat(sse.text()).doesNotContainIgnoringCase("transfer-encoding").contains("data: [DONE]");
    assertThat(sse.text()).doesNotContain("\r\n0\r\n");
  }

  @Test
  void corsPreflightAndAnswersNameTheAllowedOriginOnly() throws Exception {
    String preflight =
        "OPTIONS /embeddings/v1/embeddings HTTP/1.1\r\nHost: x\r\nOrigin: %s\r\n"
            + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type\r\n\r\n";
    var ok = Wire.first(server.port(), preflight.formatted("https://app.example"), 3000);
    assertThat(ok.status()).isEqualTo(204);
    assertThat(ok.text())
        .contains("Access-Control-Allow-Origin: https://app.example")
        .contains("Access-Control-Allow-Methods: GET, POST, OPTIONS")
        .containsIgnoringCase("Access-Control-Allow-Headers: ")
        .contains("Access-Control-Max-Age: 600");
    var refused = Wire.first(server.port(), preflight.formatted("https://evil.example"), 3000);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.text()).doesNotContain("Access-Control-Allow-Origin");

    for (String path : new String[] {"/embeddings/v1/embeddings", "/raw/v1/embeddings"}) {
      var answer =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                  .header("Origin", "https://app.example")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"a\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.headers().firstValue("Access-Control-Allow-Origin"))
          .as(path)
          .hasValue("https://app.example");
      var other =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                  .header("Origin", "https://evil.example")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"a\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
    }
  }

  static byte[] gzip(byte[] data) throws Exception {
    var out = new ByteArrayOutputStream();
    try (var z = new GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  HttpResponse<byte[]> post(String path, Map<String, String> headers, byte[] body)
      throws Exception {
    var b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void largeJsonAnswersAreGzippedWhenAskedAndNothingElseIs() throws Exception {
    String many = "{\"input\":[" + "\"x\",".repeat(40) + "\"y\"]}";
    var plain = post("/embeddings/v1/embeddings", Map.of(), many.getBytes());
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    var zipped =
        post("/embeddings/v1/embeddings", Map.of("Accept-Encoding", "gzip"), many.getBytes());
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(zipped.body().length).isLessThan(plain.body().length);
    var unzipped =
        new GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body())).readAllBytes();
    assertThat(new String(unzipped, StandardCharsets.UTF_8))
        .isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));

    var small =
        post(
            "/embeddings/v1/embeddings",
            Map.of("Accept-Encoding", "gzip"),
            "{\"input\":\"a\"}".getBytes());
    assertThat(small.headers().firstValue("Content-Encoding")).as("under 1 KiB").isEmpty();
    var stream =
        post(
            "/chat/v1/chat/completions",
            Map.of("Accept-Encoding", "gzip"),
            chatJson(true).getBytes());
    assertThat(stream.headers().firstValue("Content-Encoding")).as("SSE").isEmpty();
    var refused =
        post("/embeddings/v1/embeddings", Map.of("Accept-Encoding", "gzip;q=0"), many.getBytes());
    assertThat(refused.headers().firstValue("Content-Encoding")).as("q=0").isEmpty();
  }

  @Test
  void gzipAndDeflateBodiesAreReadAndAZipBombIs413() throws Exception {
    String json = "{\"input\":\"hello\"}";
    var gz =
        post(
            "/embeddings/v1/embeddings", Map.of("Content-Encoding", "gzip"), gzip(json.getBytes()));
    assertThat(gz.statusCode()).as(new String(gz.body())).isEqualTo(200);
    var deflater = new java.util.zip.Deflater();
    deflater.setInput(json.getBytes());
    deflater.finish();
    byte[] d = new byte[256];
    int n = deflater.deflate(d);
    var df =
        post(
            "/embeddings/v1/embeddings",
            Map.of("Content-Encoding", "deflate"),
            java.util.Arrays.copyOf(d, n));
    assertThat(df.statusCode()).as(new String(df.body())).isEqualTo(200);
    var identity =
        post("/embeddings/v1/embeddings", Map.of("Content-Encoding", "identity"), json.getBytes());
    assertThat(identity.statusCode()).isEqualTo(200);

    byte[] bomb = gzip(new byte[80 << 20]); // 80 MiB of zeros in ~80 KB: past the 4 MiB limit
    var boom = post("/embeddings/v1/embeddings", Map.of("Content-Encoding", "gzip"), bomb);
    assertThat(boom.statusCode()).isEqualTo(413);
    assertThat(new String(boom.body())).contains("request_too_large");

    var br = post("/embeddings/v1/embeddings", Map.of("Content-Encoding", "br"), json.getBytes());
    assertThat(br.statusCode()).isEqualTo(415);
    assertThat(new String(br.body())).contains("\"error\"");
  }

  @Test
  void nginxWithItsDefaultProxySettingsGetsEveryRoute() throws Exception {
    Path nginx = Path.of("/usr/sbin/nginx");
    Assumptions.assumeTrue(Files.isExecutable(nginx), "Debian's nginx (.ci/deps installs it)");
    var proxy = Nginx.start(nginx, server.port());
    try {
      String base = "http://127.0.0.1:" + proxy.port();
      var routes =
          Map.of(
              "/embeddings/v1/embeddings", "{\"input\":\"hello\"}",
              "/reranker/v1/rerank", "{\"query\":\"q\",\"documents\":[\"a\",\"b\"]}",
              "/chat/v1/chat/completions", chatJson(false),
              "/raw/v1/embeddings", "{\"input\":\"hello\"}",
              "/v2/models/embeddings/infer",
                  "{\"inputs\":[{\"name\":\"text\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"a\"]}]}");
      for (var r : routes.entrySet()) {
        var res =
            CLIENT.send(
                HttpRequest.newBuilder(URI.create(base + r.getKey()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(r.getValue()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(r.getKey() + ": " + res.body()).isEqualTo(200);
      }
      for (String get : new String[] {"/-/healthz", "/v1/models", "/metrics"}) {
        var res =
            CLIENT.send(
                HttpRequest.newBuilder(URI.create(base + get)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(get).isEqualTo(200);
      }
      var sse =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(base + "/chat/v1/chat/completions"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(chatJson(true)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(sse.statusCode()).isEqualTo(200);
      assertThat(sse.body()).contains("four", "data: [DONE]");
    } finally {
      proxy.close();
    }
  }
}
