package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.auth.KeyHash;
import dev.mixserve.gateway.cluster.ClusterRole;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A head and its worker with keys on, in one JVM: the head's health checks of the worker's replica
 * and the worker's reads of the head's plan carry the cluster's key, so the replica is healthy and
 * a client's request goes through; before, both were refused 401 and the route answered 503.
 */
class ClusterKeysIT {
  private static final String CLUSTER = "msk-cluster-secret";
  private static final String GOOD = "msk-good";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Test
  void membersCallEachOtherWithTheClusterKeyAndClientsGetThrough(@TempDir Path dir)
      throws Exception {
    int workerPort;
    try (var s = new ServerSocket(0)) {
      workerPort = s.getLocalPort();
    }
    Files.writeString(dir.resolve("cluster.key"), CLUSTER + "\n");
    Path file = dir.resolve("mixserve.yaml");
    Files.writeString(
        file,
        """
        server: {host: 127.0.0.1, port: 0}
        nodes:
          - name: w1
            address: http://127.0.0.1:%d
            accelerators: [{vendor: nvidia, model: RTX 2070, arch: sm_75, memory: 8GiB}]
        deployments:
          - name: echo
            task: embedding
            engine: {kind: echo}
            resources: {gpu: 0.5}
            placement: {node: w1}
        auth:
          cluster_key_file: cluster.key
          keys:
            - {name: good, sha256: %s, scopes: ["*"]}
        """
            .formatted(workerPort, KeyHash.hex(GOOD)));
    var cfg = ConfigLoader.load(file);
    var ctx = new EngineContext(Path.of("target"), Map.of());
    try (var worker =
            MixserveServer.start(
                cfg.withServer(cfg.server().withPort(workerPort)),
                EngineRegistry.discover(),
                ctx,
                file,
                new ClusterRole.Worker("w1"));
        var head =
            MixserveServer.start(
                cfg, EngineRegistry.discover(), ctx, file, new ClusterRole.Head())) {
      worker.loaded().get(30, TimeUnit.SECONDS);
      head.loaded().get(30, TimeUnit.SECONDS);
      worker.followHead(URI.create("http://127.0.0.1:" + head.port()));

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> embed(head.port(), GOOD).statusCode() == 200);
      assertThat(embed(head.port(), null).statusCode()).isEqualTo(401);
      // Who called whom, by key name: the head's probes at the worker, the worker's plan reads.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> metrics(head.port()).contains("key=\"cluster\",status=\"200\""));
      assertThat(metrics(worker.port())).contains("key=\"cluster\",status=\"200\"");
    }
  }

  private static HttpResponse<String> embed(int port, String key) throws Exception {
    var b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo/v1/embeddings"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hello\"}"));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String metrics(int port) throws Exception {
    var req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .header("Authorization", "Bearer " + CLUSTER)
            .build();
    var res = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(200);
    return res.body();
  }
}
