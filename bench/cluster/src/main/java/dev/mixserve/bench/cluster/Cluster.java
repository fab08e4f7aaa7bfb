package dev.mixserve.bench.cluster;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import dev.mixserve.gateway.cluster.ClusterRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A head and its one worker, node {@code w}, started from one config in this JVM as `serve` and
 * `serve --node w` would start them in two processes: the worker runs both engines, the head
 * reaches them at the worker's address over loopback HTTP, as it reaches a worker on another
 * machine.
 */
final class Cluster implements AutoCloseable {
  private static final String CONFIG =
      """
      server: {host: 127.0.0.1, port: %d}
      nodes:
        - {name: w, address: "http://127.0.0.1:%d", accelerators: [{vendor: nvidia, model: T4, memory: 16GiB}]}
      deployments:
        - name: embeddings
          task: embedding
          engine: {kind: onnx-bert, model: "builtin:bge-small-en-v1.5"}
          batching: {max_batch_size: 32, max_wait: 2ms}
          limits: {max_ongoing_requests: 256, max_queued_requests: 1024}
          placement: {node: w}
        - name: llm
          task: chat
          engine: {kind: llama-cpp, model: "%s", options: {threads: 1, parallel: %d, context_size: 512}}
          limits: {max_ongoing_requests: 64, timeout: 600s}
          placement: {node: w}
      """;

  final MixserveServer worker;
  final MixserveServer head;

  Cluster(Path model, int streams) throws Exception {
    int headPort = freePort();
    int workerPort = freePort();
    var config =
        ConfigLoader.parse(
            CONFIG.formatted(headPort, workerPort, model.toAbsolutePath(), streams), "bench");
    var ctx = new EngineContext(Path.of("target", "cache"), Map.of());
    worker =
        MixserveServer.start(
            config.withServer(config.server().withPort(workerPort)),
            EngineRegistry.discover(),
            ctx,
            null,
            new ClusterRole.Worker("w"));
    head =
        MixserveServer.start(config, EngineRegistry.discover(), ctx, null, new ClusterRole.Head());
    worker.loaded().get(120, TimeUnit.SECONDS);
    head.loaded().get(120, TimeUnit.SECONDS);
    awaitReady(head.port());
  }

  // The head is ready once it has seen its replicas at the worker answer.
  private static void awaitReady(int port) throws Exception {
    var client = HttpClient.newHttpClient();
    var ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < end) {
      if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the head was not ready after 120 s");
  }

  private static int freePort() {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    head.close();
    worker.close();
  }
}
