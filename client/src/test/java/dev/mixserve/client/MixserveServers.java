package dev.mixserve.client;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real server on a free port for this JVM's integration tests (the gateway's TestServer
 * pattern): embeddings and reranker on BGE-small, echo for cheap calls.
 */
final class MixserveServers {
  static final String CONFIG =
      """
      server: {host: 127.0.0.1, port: 0}
      deployments:
        - name: embeddings
          task: embedding
          engine: {kind: onnx-bert, model: "builtin:bge-small-en-v1.5"}
        - name: reranker
          task: rerank
          engine: {kind: onnx-bi-encoder, model: "builtin:bge-small-en-v1.5"}
        - name: echo
          task: embedding
          engine: {kind: echo, options: {dimensions: 4}}
      """;

  private static MixserveServer server;

  private MixserveServers() {}

  static synchronized String url() {
    if (server == null) {
      var cfg = ConfigLoader.parse(CONFIG, "MixserveServers");
      var ctx = new EngineContext(Path.of("target", "cache"), Map.of());
      server = MixserveServer.start(cfg, EngineRegistry.discover(), ctx);
      try {
        server.loaded().get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("test server did not load", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return "http://127.0.0.1:" + server.port();
  }
}
