package dev.mixserve.gateway;

import static dev.mixserve.gateway.EmbeddingsIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A deployment whose engine is a server elsewhere: requests and streams pass through unchanged. */
public class UpstreamIT {
  static MixserveServer back;
  static MixserveServer front;
  static HttpServer sse;
  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    var ctx = new EngineContext(Path.of("target"), Map.of());
    back =
        MixserveServer.start(
            ConfigLoader.parse(
                """
                server: {host: 127.0.0.1, port: 0}
                deployments:
                  - {name: vectors, task: embedding, engine: {kind: echo, options: {dimensions: 3}}}
                """,
                "back"),
            EngineRegistry.discover(),
            ctx);
    sse = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sse.createContext(
        "/v1/chat/completions",
        ex -> {
          if (new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
              .contains("max_tokens")) {
            // the health check's 1-token chat
            ex.getResponseHeaders().add("Content-Type", "application/json");
            byte[] one = "{\"choices\":[{\"message\":{\"content\":\"a\"}}]}".getBytes();
            ex.sendResponseHeaders(200, one.length);
            ex.getResponseBody().write(one);
            ex.close();
            return;
          }
          ex.getResponseHeaders().add("Content-Type", "text/event-stream");
          ex.sendResponseHeaders(200, 0);
          try (var out = ex.getResponseBody()) {
            out.write("data: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            RELEASE.await(
                10, TimeUnit.SECONDS); // the second chunk only after the client saw the first
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    sse.start();
    front =
        MixserveServer.start(
            ConfigLoader.parse(
                """
                server: {host: 127.0.0.1, port: 0}
                deployments:
                  - {name: remote, task: embedding, engine: {kind: upstream, model: "http://127.0.0.1:%d/vectors"}}
                  - {name: chat, task: chat, engine: {kind: upstream, model: "http://127.0.0.1:%d"}}
                  - {name: down, task: rerank, engine: {kind: upstream, model: "http://127.0.0.1:1"}}
                """
                    .formatted(back.port(), sse.getAddress().getPort()),
                "front"),
            EngineRegistry.discover(),
            ctx);
    back.loaded().get(10, TimeUnit.SECONDS);
    front.loaded().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    front.close();
    back.close();
    sse.stop(0);
  }

  static HttpResponse<String> post(MixserveServer s, String path, String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requestsPassThroughUnchanged() throws Exception {
    String body = "{\"input\":[\"alpha beta\",\"gamma\"]}";
    var direct = post(back, "/vectors/v1/embeddings", body);
    var proxied = post(front, "/remote/v1/embeddings", body);
    assertThat(proxied.statusCode()).isEqualTo(200);
    assertThat(json(proxied.body()).get("data")).isEqualTo(json(direct.body()).get("data"));
    var error = post(front, "/remote/v1/embeddings", "{\"input\":\"\"}");
    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(json(error.body()).get("error").get("param").asText()).isEqualTo("input");
  }

  @Test
  void streamsAreNotBuffered() throws Exception {
    var res =
        CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + front.port() + "/chat/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(res.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (var reader =
        new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      assertThat(reader.readLine()).isEqualTo("data: {\"n\":1}");
      RELEASE.countDown();
      reader.readLine();
      assertThat(reader.readLine()).isEqualTo("data: [DONE]");
    }
  }

  @Test
  void unreachableUpstreamIs503WithRetryAfter() throws Exception {
    var res = post(front, "/down/v1/rerank", "{\"query\":\"q\",\"documents\":[\"a\"]}");
    assertThat(res.statusCode()).isEqualTo(503);
    assertThat(res.headers().firstValue("Retry-After")).isPresent();
    assertThat(json(res.body()).get("error").get("message").asText()).contains("unreachable");
  }
}
