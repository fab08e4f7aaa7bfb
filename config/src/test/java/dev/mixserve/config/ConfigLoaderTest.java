package dev.mixserve.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Server;
import dev.mixserve.api.Task;
import dev.mixserve.api.Vendor;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  static final String GOOD =
      """
      server: {port: 9000, alias_namespace: lab}
      nodes:
        - name: drizzt
          labels: {room: attic}
          accelerators:
            - {vendor: amd, model: Radeon 680M, arch: gfx1035, memory: 12GiB, unified: true}
      deployments:
        - name: embeddings
          task: embedding
          engine: {kind: onnx-bert, model: "builtin:bge-small-en-v1.5", options: {pooling: cls}}
          resources: {gpu: 0.8, memory: 2GiB, cpu: 500m}
          placement: {node: drizzt, vendor: amd}
          limits: {max_ongoing_requests: 8, timeout: 30s, max_body: 1MiB, overload_status: 503, queue_timeout: 2s}
          batching: {max_batch_size: 16, max_wait: 5ms}
      """;

  @Test
  void readsEverySection() {
    var cfg = ConfigLoader.parse(GOOD, "good.yaml");
    assertThat(cfg.server().port()).isEqualTo(9000);
    assertThat(cfg.server().aliasNamespace()).isEqualTo("lab");
    var acc = cfg.nodes().getFirst().accelerators().getFirst();
    assertThat(acc.vendor()).isEqualTo(Vendor.AMD);
    assertThat(acc.memoryBytes()).isEqualTo(12L << 30);
    assertThat(acc.unified()).isTrue();
    var d = cfg.deployments().getFirst();
    assertThat(d.route()).isEqualTo("/embeddings");
    assertThat(d.task()).isEqualTo(Task.EMBEDDING);
    assertThat(d.resources().milliGpu()).isEqualTo(800);
    assertThat(d.resources().milliCpu()).isEqualTo(500);
    assertThat(d.limits().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.limits().overloadStatus()).isEqualTo(503);
    assertThat(d.limits().queueTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.batching().maxWait()).isEqualTo(Duration.ofMillis(5));
    assertThat(d.engine().options()).containsEntry("pooling", "cls");
  }

  @Test
  void theFrontDoorIsAutoUnlessSaid() {
    assertThat(ConfigLoader.defaults().server().front()).isEqualTo(Server.Front.AUTO);
    assertThat(ConfigLoader.parse("server: {front: on}\n", "a").server().front())
        .isEqualTo(Server.Front.ON);
    assertThat(ConfigLoader.parse("server: {front: \"off\"}\n", "b").server().front())
        .isEqualTo(Server.Front.OFF);
    assertThatThrownBy(() -> ConfigLoader.parse("server: {front: maybe}\n", "c.yaml"))
        .hasMessageContaining("expected auto, on or off, got 'maybe'");
  }

  @Test
  void defaultConfigLoads() {
    var cfg = ConfigLoader.defaults();
    assertThat(cfg.deployments()).extracting(d -> d.route()).contains("/embeddings", "/reranker");
  }

  @Test
  void queueingIsBoundedInTimeUnlessSaidOtherwise() {
    var d =
        ConfigLoader.parse(
                "deployments: [{name: e, task: embedding, engine: {kind: echo}}]\n", "q.yaml")
            .deployments()
            .getFirst();
    assertThat(d.limits().queueTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          gpu zero             | resources: {gpu: 0}          | deployments[0].resources.gpu
          gpu above one        | resources: {gpu: 1.5}        | deployments[0].resources.gpu
          gpu negative         | resources: {gpu: -0.5}       | deployments[0].resources.gpu
          gpu too fine         | resources: {gpu: 0.0005}     | deployments[0].resources.gpu
          gpu not a number     | resources: {gpu: half}       | deployments[0].resources.gpu
          bad memory           | resources: {memory: lots}    | deployments[0].resources.memory
          unknown key          | colour: blue                 | deployments[0].colour
          unknown resource key | resources: {gpus: 1}         | deployments[0].resources.gpus
          bad route            | route: embeddings            | deployments[0].route
          reserved route       | route: /v1/embeddings        | deployments[0].route
          trailing slash       | route: /emb/                 | deployments[0].route
          bad timeout          | limits: {timeout: soon}      | deployments[0].limits.timeout
          bad overload status  | limits: {overload_status: 500} | deployments[0].limits.overload_status
          bad queue timeout    | limits: {queue_timeout: soon} | deployments[0].limits.queue_timeout
          zero queue timeout   | limits: {queue_timeout: 0s}  | deployments[0].limits.queue_timeout
          zero batch           | batching: {max_batch_size: 0} | deployments[0].batching.max_batch_size
          bad vendor           | placement: {vendor: apple}   | deployments[0].placement.vendor
          negative replicas    | replicas: -1                 | deployments[0].replicas
          """)
  void errorsNameTheDocumentPath(String name, String line, String path) {
    String yaml =
        """
        deployments:
          - name: emb
            task: embedding
            engine: {kind: echo}
            %s
        """
            .formatted(line);
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bad.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bad.yaml:")
        .hasMessageContaining(path + ":")
        .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo(path));
  }

  @Test
  void errorInThirdDeploymentNamesIndexAndLine() {
    String yaml =
        """
        deployments:
          - {name: a, task: embedding, engine: {kind: echo}}
          - {name: b, task: rerank, engine: {kind: echo}}
          - name: c
            task: chat
            engine: {kind: echo}
            resources:
              gpu: 2
        """;
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "lab.yaml"))
        .hasMessage(
            "lab.yaml:8: deployments[2].resources.gpu: a GPU share must be above 0 and at most 1"
                + " (1000m), got '2'; omit gpu for a CPU-only deployment");
  }

  @Test
  void duplicateRoutesAndNamesAreRefused() {
    String yaml =
        """
        deployments:
          - {name: a, route: /x, task: embedding, engine: {kind: echo}}
          - {name: b, route: /x, task: embedding, engine: {kind: echo}}
        """;
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "dup.yaml"))
        .hasMessageContaining("deployments[1]")
        .hasMessageContaining("already used by deployments[0]");
  }

  @Test
  void missingRequiredKeyAndBadYamlAreClear() {
    assertThatThrownBy(
            () -> ConfigLoader.parse("deployments:\n  - {name: a, task: embedding}\n", "m.yaml"))
        .hasMessageContaining("deployments[0]: missing required key 'engine'");
    assertThatThrownBy(() -> ConfigLoader.parse("deployments: [\n", "y.yaml"))
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "deployments:\n  - {name: a, task: singing, engine: {kind: x}}\n", "t.yaml"))
        .hasMessageContaining("deployments[0].task: expected one of");
  }
}
