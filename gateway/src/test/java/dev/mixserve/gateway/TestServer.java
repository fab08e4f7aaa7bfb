package dev.mixserve.gateway;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real server on a free port, shared by the integration tests of this JVM: loading the
 * embedding model is the slow part, and every test talks HTTP to it as a client would.
 */
public final class TestServer {
  static final String CONFIG =
      """
      server: {host: 127.0.0.1, port: 0}
      deployments:
        - name: embeddings
          task: embedding
          engine: {kind: onnx-bert, model: "builtin:bge-small-en-v1.5"}
          model_names: [bge-small-en-v1.5, BAAI/bge-small-en-v1.5]
          limits: {max_body: 4MiB}
        - name: reranker
          task: rerank
          engine: {kind: onnx-bi-encoder, model: "builtin:bge-small-en-v1.5"}
        - name: echo
          task: embedding
          engine: {kind: echo, options: {dimensions: 4}}
          limits: {max_ongoing_requests: 1, max_queued_requests: 1, max_body: 64KiB}
          batching: {max_batch_size: 4, max_wait: 0ms}
      """;

  private static MixserveServer server;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer() {}

  static synchronized MixserveServer get() {
    if (server == null) {
      var cfg = ConfigLoader.parse(CONFIG, "TestServer");
      var ctx = new EngineContext(Path.of("target", "cache"), Map.of());
      server = MixserveServer.start(cfg, EngineRegistry.discover(), ctx);
      try {
        server.loaded().get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("test server did not load", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + get().port() + path);
  }

  static HttpResponse<String> post(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  static HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
