package dev.mixserve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client library against a real mixserve on a free port. It lives in the cli module because the
 * gateway depends on the client (POST /voice/v1/chat), so the client cannot depend on it.
 */
class ClientIT {
  private static MixserveClient client;

  @BeforeAll
  static void connect() {
    client = MixserveClient.of(dev.mixserve.cli.CliTestServer.url());
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void healthListsEveryDeployment() {
    var h = client.health();
    assertThat(h.ok()).isTrue();
    assertThat(h.deployments()).containsEntry("embeddings", "ready").containsKey("reranker");
  }

  @Test
  void modelsAtTheRootAndUnderARoute() {
    assertThat(client.models(Target.root()))
        .extracting(ModelInfo::id)
        .contains("embeddings", "reranker", "llm", "whisper", "tts");
    var one = client.models(Target.route("/reranker"));
    assertThat(one)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.task()).isEqualTo("rerank");
              assertThat(m.route()).isEqualTo("/reranker");
              assertThat(m.ready()).isTrue();
            });
  }

  @Test
  void embeddingsByRouteAndByModelAreTheSame() {
    var byRoute = client.embed(Target.route("/embeddings"), List.of("hello world", "bonjour"));
    var byModel = client.embed(Target.model("embeddings"), List.of("hello world", "bonjour"));
    assertThat(byRoute).hasSize(2);
    assertThat(byRoute.getFirst()).hasSize(384).containsExactly(byModel.getFirst());
  }

  @Test
  void rerankPutsTheAnswerFirst() {
    var r =
        client.rerank(
            Target.route("/reranker"),
            "capital of France",
            List.of("Bananas are yellow", "Paris is the capital of France"),
            null);
    assertThat(r.getFirst().index()).isEqualTo(1);
    assertThat(r.getFirst().score()).isGreaterThan(r.get(1).score());
  }

  @Test
  void aMissingRouteCarriesTheServerMessage() {
    assertThatThrownBy(() -> client.embed(Target.route("/nothing"), List.of("x")))
        .isInstanceOfSatisfying(
            MixserveException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.serverMessage()).contains("no route for /nothing");
            });
  }

  @Test
  void anUnknownModelIs404WithItsCode() {
    assertThatThrownBy(() -> client.embed(Target.model("gpt-17"), List.of("x")))
        .isInstanceOfSatisfying(
            MixserveException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.code()).isEqualTo("model_not_found");
            });
  }
}
