package dev.mixserve.gateway.ui;

import dev.mixserve.api.TestModels;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.ConfigWatcher;
import dev.mixserve.gateway.MixserveServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real server with every task for the dashboard's tests, read from a config file (so that the
 * Config page has a file to reload): stories260K at /llm, the echo engine's chat at /slow-chat (a
 * stream that can be paced to stop it midway), BGE-small embeddings and rerank, PocketSphinx and
 * FreeTTS.
 */
public final class UiServer {
  static final String CONFIG =
      """
      server: {host: 127.0.0.1, port: 0}
      deployments:
        - name: llm
          task: chat
          engine: {kind: llama-cpp, model: "%s", options: {parallel: 2, context_size: 512}}
        - name: slow-chat
          task: chat
          engine: {kind: echo}
        - name: embeddings
          task: embedding
          engine: {kind: onnx-bert, model: "builtin:bge-small-en-v1.5"}
        - name: reranker
          task: rerank
          engine: {kind: onnx-bi-encoder, model: "builtin:bge-small-en-v1.5"}
        - name: whisper
          task: transcription
          engine: {kind: pocketsphinx}
        - name: tts
          task: speech
          engine: {kind: freetts}
      """;

  private static MixserveServer server;
  private static Path file;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private UiServer() {}

  static synchronized MixserveServer get() {
    if (server == null) {
      try {
        file = Path.of("target", "ui-it", "mixserve.yaml").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, config());
        var ctx = new EngineContext(Path.of("target", "cache"), Map.of());
        server =
            MixserveServer.start(ConfigLoader.load(file), EngineRegistry.discover(), ctx, file);
        var watcher = ConfigWatcher.start(server, file);
        server.loaded().get(120, TimeUnit.SECONDS);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      watcher.close();
                      server.close();
                    }));
      } catch (Exception e) {
        throw new IllegalStateException("the dashboard's test server did not start", e);
      }
    }
    return server;
  }

  static String config() {
    Path model = TestModels.path("llm/stories260K.gguf");
    return CONFIG.formatted(model.toAbsolutePath());
  }

  static Path file() {
    get();
    return file;
  }

  static String base() {
    return "http://127.0.0.1:" + get().port();
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)));
  }
}
