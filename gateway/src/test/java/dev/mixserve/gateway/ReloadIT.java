package dev.mixserve.gateway;

import static dev.mixserve.gateway.EmbeddingsIT.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A new config is applied without a failed request; a broken one is refused while the old serves.
 */
public class ReloadIT {
  static final String V1 =
      """
      server: {host: 127.0.0.1, port: 0}
      deployments:
        - {name: vec, task: embedding, engine: {kind: echo, options: {dimensions: 4}}}
        - {name: stay, task: rerank, engine: {kind: echo}}
      """;
  static final String V2 =
      """
      server: {host: 127.0.0.1, port: 0}
      deployments:
        - {name: vec, task: embedding, engine: {kind: echo, options: {dimensions: 8}}}
        - {name: stay, task: rerank, engine: {kind: echo}}
        - {name: extra, task: embedding, engine: {kind: echo, options: {dimensions: 2}}}
      """;

  static HttpResponse<String> send(int port, String method, String path, String body)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The file watcher and POST /-/reload may both apply a change: wait until it shows. */
  private static void awaitExtra(int port, int status) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        send(port, "POST", "/extra/v1/embeddings", "{\"input\":\"x\"}")
                            .statusCode())
                    .isEqualTo(status));
  }

  @Test
  void reloadReportsWhatChangedAndKeepsUnchangedRuntimes() throws Exception {
    var ctx = new EngineContext(Path.of("target"), Map.of());
    try (var server =
        MixserveServer.start(ConfigLoader.parse(V1, "v1"), EngineRegistry.discover(), ctx)) {
      server.loaded().get(10, TimeUnit.SECONDS);
      var stay = server.runtimes().get(1);
      var r = server.reload(ConfigLoader.parse(V2, "v2"), Duration.ofSeconds(10));
      assertThat(r.changed()).containsExactly("vec");
      assertThat(r.added()).containsExactly("extra");
      assertThat(r.unchanged()).containsExactly("stay");
      assertThat(r.version()).isEqualTo(2);
      assertThat(server.runtimes().get(1)).isSameAs(stay);
      var back = server.reload(ConfigLoader.parse(V1, "v1 again"), Duration.ofSeconds(10));
      assertThat(back.removed()).containsExactly("extra");
    }
  }

  @Test
  void reloadUnderLoadFailsNoRequestAndBrokenConfigIsRefused() throws Exception {
    Path file = Files.createTempFile("mixserve", ".yaml");
    Files.writeString(file, V1);
    try (var server =
            MixserveServer.start(
                ConfigLoader.load(file),
                EngineRegistry.discover(),
                new EngineContext(Path.of("target"), Map.of()));
        var watcher = ConfigWatcher.start(server, file)) {
      server.loaded().get(10, TimeUnit.SECONDS);
      int port = server.port();
      var failures = new ConcurrentLinkedQueue<String>();
      var stop = new AtomicBoolean();
      var load =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!stop.get()) {
                      try {
                        var r =
                            send(
                                port,
                                "POST",
                                "/vec/v1/embeddings",
                                "{\"input\":\"@delay=5ms steady traffic\"}");
                        if (r.statusCode() != 200) {
                          failures.add(r.statusCode() + " " + r.body());
                        }
                      } catch (Exception e) {
                        failures.add(e.toString());
                      }
                    }
                  });
      Thread.sleep(200);
      Files.writeString(file, V2);
      // The file watcher and POST /-/reload race to apply it; either way it is applied once.
      var reload = send(port, "POST", "/-/reload", null);
      assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
      awaitExtra(port, 200);
      Thread.sleep(200);
      stop.set(true);
      load.join();
      assertThat(failures).isEmpty();
      var after = send(port, "POST", "/vec/v1/embeddings", "{\"input\":\"x\"}");
      assertThat(json(after.body()).get("data").get(0).get("embedding")).hasSize(8);
      assertThat(send(port, "POST", "/extra/v1/embeddings", "{\"input\":\"x\"}").statusCode())
          .isEqualTo(200);

      Files.writeString(
          file, "deployments:\n  - {name: vec, task: embedding, engine: {kind: nope}}\n");
      var refused = send(port, "POST", "/-/reload", null);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(json(refused.body()).get("error").get("message").asText())
          .contains("unknown")
          .contains("nope");
      Files.writeString(file, "deployments: [\n");
      assertThat(send(port, "POST", "/-/reload", null).statusCode()).isEqualTo(400);
      assertThat(send(port, "POST", "/vec/v1/embeddings", "{\"input\":\"x\"}").statusCode())
          .isEqualTo(200);

      Files.writeString(file, V1);
      awaitExtra(port, 404);
    }
  }

  @Test
  void whatTheCommandLineChangedSurvivesAReload() throws Exception {
    // serve --llm and friends: here, whatever the file says, vec makes 3-dimensional vectors
    java.util.function.UnaryOperator<dev.mixserve.api.MixserveConfig> cli =
        cfg ->
            cfg.withDeployments(
                cfg.deployments().stream()
                    .map(
                        d ->
                            d.name().equals("vec")
                                ? d.withEngine(
                                    new dev.mixserve.api.EngineSpec(
                                        "echo", "", Map.of("dimensions", 3L)))
                                : d)
                    .toList());
    Path file = Files.createTempFile("mixserve", ".yaml");
    Files.writeString(file, V1);
    try (var server =
            MixserveServer.start(
                cli.apply(ConfigLoader.load(file)),
                EngineRegistry.discover(),
                new EngineContext(Path.of("target"), Map.of()));
        var watcher = ConfigWatcher.start(server, file, cli)) {
      server.loaded().get(10, TimeUnit.SECONDS);
      int port = server.port();
      Files.writeString(file, V2); // the file now says 8 dimensions and adds "extra"
      var reload = send(port, "POST", "/-/reload", null);
      assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
      awaitExtra(port, 200);
      var vec = send(port, "POST", "/vec/v1/embeddings", "{\"input\":\"x\"}");
      assertThat(json(vec.body()).get("data").get(0).get("embedding")).hasSize(3);
    }
  }

  /**
   * Kubernetes mounts a ConfigMap as {@code mixserve.yaml -> ..data/mixserve.yaml} and changes it
   * by swapping the {@code ..data} link: no event names the file, yet the config changed.
   */
  @Test
  void aConfigMapSwapIsAChange() throws Exception {
    Path dir = Files.createTempDirectory("configmap");
    Files.createDirectory(dir.resolve("..v1"));
    Files.writeString(dir.resolve("..v1/mixserve.yaml"), V1);
    Files.createSymbolicLink(dir.resolve("..data"), Path.of("..v1"));
    Path file = dir.resolve("mixserve.yaml");
    Files.createSymbolicLink(file, Path.of("..data/mixserve.yaml"));
    try (var server =
            MixserveServer.start(
                ConfigLoader.load(file),
                EngineRegistry.discover(),
                new EngineContext(Path.of("target"), Map.of()));
        var watcher = ConfigWatcher.start(server, file)) {
      server.loaded().get(10, TimeUnit.SECONDS);
      int port = server.port();
      awaitExtra(port, 404);
      // as the kubelet's atomic writer does it: a new dir, a new link, renamed over the old
      Files.createDirectory(dir.resolve("..v2"));
      Files.writeString(dir.resolve("..v2/mixserve.yaml"), V2);
      Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of("..v2"));
      Files.move(
          dir.resolve("..data_tmp"),
          dir.resolve("..data"),
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      awaitExtra(port, 200);
    }
  }
}
