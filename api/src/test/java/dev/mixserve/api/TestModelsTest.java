package dev.mixserve.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestModelsTest {
  @Test
  void aMissingModelIsOneLineThatNamesItAndHowToGetIt() {
    assertThatThrownBy(() -> TestModels.path("llm/no-such-model.gguf"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("llm/no-such-model.gguf")
        .hasMessageContaining("./mixserve models fetch-test")
        .hasMessageNotContaining("\n");
  }
}
