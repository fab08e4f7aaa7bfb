package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, pointed at mixserve, as users will. */
public class OpenAiSdkIT {
  private static OpenAIClient client(String base) {
    return OpenAIOkHttpClient.builder()
        .baseUrl("http://127.0.0.1:" + TestServer.get().port() + base)
        .apiKey("unused")
        .maxRetries(0)
        .build();
  }

  @Test
  void sdkGetsEmbeddingsUnderTheRoutePrefix() {
    var response =
        client("/embeddings/v1")
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("bge-small-en-v1.5")
                    .inputOfArrayOfStrings(List.of("first text", "second text"))
                    .build());
    assertThat(response.data()).hasSize(2);
    assertThat(response.data().get(0).embedding()).hasSize(384);
    assertThat(response.data().get(1).index()).isEqualTo(1);
    assertThat(response.usage().promptTokens()).isPositive();
  }

  @Test
  void sdkGetsEmbeddingsAtTheRootByModelName() {
    var response =
        client("/v1")
            .embeddings()
            .create(EmbeddingCreateParams.builder().model("embeddings").input("one text").build());
    assertThat(response.data().getFirst().embedding()).hasSize(384);
  }

  @Test
  void sdkSeesAnUnknownModelAsNotFound() {
    var params = EmbeddingCreateParams.builder().model("no-such-model").input("x").build();
    assertThatThrownBy(() -> client("/v1").embeddings().create(params))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-such-model");
  }

  @Test
  void sdkRetrievesAModelByAnyOfItsNamesSlashesIncluded() {
    for (String base : List.of("/v1", "/openai/v1", "/embeddings/v1")) {
      var model = client(base).models().retrieve("BAAI/bge-small-en-v1.5");
      assertThat(model.id()).as(base).isEqualTo("BAAI/bge-small-en-v1.5");
      assertThat(model.ownedBy()).isEqualTo("mixserve");
    }
    assertThat(client("/v1").models().retrieve("embeddings").id()).isEqualTo("embeddings");
  }

  @Test
  void sdkGetsOpenAisErrorForAnUnknownModelId() {
    for (String base : List.of("/v1", "/openai/v1", "/reranker/v1")) {
      assertThatThrownBy(() -> client(base).models().retrieve("BAAI/no-such-model"))
          .as(base)
          .isInstanceOfSatisfying(
              NotFoundException.class,
              e -> {
                assertThat(e.code()).contains("model_not_found");
                assertThat(e.type()).contains("not_found_error");
              });
    }
  }
}
