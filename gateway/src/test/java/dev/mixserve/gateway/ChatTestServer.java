package dev.mixserve.gateway;

import dev.mixserve.api.TestModels;
import dev.mixserve.api.engine.ChatEngine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.core.download.Downloader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real server for the chat tests: stories260K on llama.cpp at /llm, the echo engine's chat at
 * /echo-chat, and an hf:// model that cannot be had (the Hub is a closed local port) at /nollm.
 */
public final class ChatTestServer {
  static final String GREEDY_32 =
      ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw";

  private static MixserveServer server;

  private ChatTestServer() {}

  static Path model() {
    return TestModels.path("llm/stories260K.gguf");
  }

  static synchronized MixserveServer get() {
    if (server == null) {
      String config =
          """
          server: {host: 127.0.0.1, port: 0}
          deployments:
            - name: llm
              task: chat
              engine: {kind: llama-cpp, model: "%s", options: {parallel: 4, context_size: 512}}
              model_names: [stories260K]
            - name: echo-chat
              task: chat
              engine: {kind: echo}
            - name: nollm
              task: chat
              engine: {kind: llama-cpp, model: "hf://nobody/nothing/none.gguf"}
          """
              .formatted(model());
      var cfg = ConfigLoader.parse(config, "ChatTestServer");
      Path cache = Path.of("target", "cache");
      var offline =
          new Downloader(cache, URI.create("http://127.0.0.1:" + closedPort()), null, System.err);
      server =
          MixserveServer.start(
              cfg, EngineRegistry.discover(), new EngineContext(cache, Map.of(), offline));
      try {
        server.loaded().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("chat test server did not load", e);
      }
      // The binding leaves a non-daemon native thread; surefire's fork ends with System.exit.
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  static String base() {
    return "http://127.0.0.1:" + get().port();
  }

  static ChatEngine llm() {
    return (ChatEngine)
        get().runtimes().stream()
            .filter(r -> r.deployment().name().equals("llm"))
            .findFirst()
            .orElseThrow()
            .engine();
  }

  private static int closedPort() {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
