package dev.mixserve.cli;

import dev.mixserve.api.TestModels;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real server on a free port for this JVM's integration tests (the gateway's TestServer
 * pattern), serving what the client commands use.
 */
public final class CliTestServer {
  static final String CONFIG =
      """
      server: {host: 127.0.0.1, port: 0}
      deployments:
        - name: llm
          task: chat
          engine: {kind: llama-cpp, model: "%s", options: {parallel: 2, context_size: 512}}
        - name: echo-chat
          task: chat
          engine: {kind: echo}
        - name: whisper
          task: transcription
          engine: {kind: pocketsphinx}
        - name: tts
          task: speech
          engine: {kind: freetts}
        - name: embeddings
          task: embedding
          engine: {kind: onnx-bert, model: "builtin:bge-small-en-v1.5"}
        - name: reranker
          task: rerank
          engine: {kind: onnx-bi-encoder, model: "builtin:bge-small-en-v1.5"}
      """;

  private static MixserveServer server;

  private CliTestServer() {}

  /** The test LLM, from the shared models folder (CI has it beside the clone). */
  static Path stories() {
    return TestModels.path("llm/stories260K.gguf");
  }

  public static synchronized String url() {
    if (server == null) {
      var cfg = ConfigLoader.parse(CONFIG.formatted(stories()), "CliTestServer");
      server =
          MixserveServer.start(
              cfg,
              EngineRegistry.discover(),
              new EngineContext(Path.of("target", "cache"), Map.of()));
      try {
        server.loaded().get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("test server did not load", e);
      }
      server
          .runtimes()
          .forEach(rt -> rt.engine()); // fails here, with the reason, if one did not load
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return "http://127.0.0.1:" + server.port();
  }
}
