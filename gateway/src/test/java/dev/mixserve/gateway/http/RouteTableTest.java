package dev.mixserve.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Server;
import dev.mixserve.api.Task;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.metrics.DeploymentMetrics;
import dev.mixserve.core.runtime.DeploymentRuntime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {
  static DeploymentRuntime rt(String name, String route, Task task, String... aliases) {
    var d =
        new Deployment(
            name,
            route,
            task,
            new EngineSpec("echo", "builtin:" + name + "-model", null),
            null,
            null,
            1,
            null,
            null,
            List.of(aliases),
            List.of(name + "-alt"));
    return new DeploymentRuntime(d, DeploymentMetrics.detached(name));
  }

  static final RouteTable TABLE =
      new RouteTable(
          List.of(
              rt("embeddings", "/embeddings", Task.EMBEDDING),
              rt("embeddings-large", "/embeddings/large", Task.EMBEDDING),
              rt("reranker", "/reranker", Task.RERANK, "rr.example.com")),
          Server.DEFAULT,
          7);

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
    "/embeddings, embeddings, /",
    "/embeddings/v1/embeddings, embeddings, /v1/embeddings",
    "/embeddings/large/v1/embeddings, embeddings-large, /v1/embeddings",
    "/embeddings/largex, embeddings, /largex",
    "/reranker/rerank, reranker, /rerank"
  })
  void longestPrefixOnSegmentBoundaries(String path, String deployment, String rest) {
    var t = TABLE.resolve(null, path).orElseThrow();
    assertThat(t.runtime().deployment().name()).isEqualTo(deployment);
    assertThat(t.rest()).isEqualTo(rest);
  }

  @ParameterizedTest
  @CsvSource({"/embeddingsx", "/embedding", "/", "/v1/embeddings"})
  void noMatchWithoutBoundary(String path) {
    assertThat(TABLE.resolve(null, path)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "reranker-predictor.ai-ml",
    "reranker-predictor.ai-ml.svc",
    "reranker-predictor.ai-ml.svc.cluster.local",
    "RERANKER-PREDICTOR.AI-ML.SVC.CLUSTER.LOCAL:8000",
    "reranker-predictor.ai-ml:80",
    "rr.example.com"
  })
  void hostAliasesReachTheDeployment(String host) {
    var t = TABLE.resolve(host, "/v1/rerank").orElseThrow();
    assertThat(t.runtime().deployment().name()).isEqualTo("reranker");
    assertThat(t.rest()).isEqualTo("/v1/rerank");
    assertThat(TABLE.resolve(host, "/reranker/v1/rerank").orElseThrow().rest())
        .isEqualTo("/v1/rerank");
  }

  @Test
  void unknownHostFallsBackToPath() {
    assertThat(
            TABLE
                .resolve("localhost:8000", "/embeddings/x")
                .orElseThrow()
                .runtime()
                .deployment()
                .name())
        .isEqualTo("embeddings");
  }

  @Test
  void modelDispatch() {
    assertThat(TABLE.byModel(Set.of(Task.RERANK), Optional.empty()).deployment().name())
        .isEqualTo("reranker");
    assertThat(
            TABLE
                .byModel(Set.of(Task.EMBEDDING), Optional.of("embeddings-large-model"))
                .deployment()
                .name())
        .isEqualTo("embeddings-large");
    assertThat(
            TABLE
                .byModel(Set.of(Task.EMBEDDING), Optional.of("embeddings-alt"))
                .deployment()
                .name())
        .isEqualTo("embeddings");
    assertThatThrownBy(() -> TABLE.byModel(Set.of(Task.EMBEDDING), Optional.empty()))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("'model' is required");
    assertThatThrownBy(() -> TABLE.byModel(Set.of(Task.EMBEDDING), Optional.of("nope")))
        .satisfies(e -> assertThat(((ServeException) e).status()).isEqualTo(404));
    assertThatThrownBy(() -> TABLE.byModel(Set.of(Task.EMBEDDING), Optional.of("reranker")))
        .satisfies(e -> assertThat(((ServeException) e).status()).isEqualTo(400));
  }
}
