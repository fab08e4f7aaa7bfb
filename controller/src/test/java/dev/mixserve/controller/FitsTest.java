package dev.mixserve.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.config.ConfigLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FitsTest {
  private static final String CONFIG =
      """
      nodes:
        - name: box
          accelerators:
      %s
      deployments:
        - {name: llm, task: chat, engine: {kind: vllm, model: m}, resources: {gpu: %s, memory: 1GiB}, process: {}}
      """;
  private static final String GPU = "      - {vendor: nvidia, model: RTX 3090, memory: 24GiB}\n";

  @ParameterizedTest(name = "{0} GPU(s), old {1} + new {2} -> {3}")
  @CsvSource({
    "1, 0.8, 0.8, false", // one GPU, no room for both: swap
    "2, 0.8, 0.8, true", // the new one goes to the second GPU
    "1, 0.4, 0.5, true", // both fit on one GPU
    "1, 0.5, 0.5, true", // exactly one GPU between them
  })
  void theSchedulerDecidesWhetherOldAndNewFitTogether(
      int gpus, String oldShare, String newShare, boolean beside) {
    var before = ConfigLoader.parse(CONFIG.formatted(GPU.repeat(gpus), oldShare), "old.yaml");
    var after = ConfigLoader.parse(CONFIG.formatted(GPU.repeat(gpus), newShare), "new.yaml");

    boolean fits =
        Fits.beside(
            after.nodes(),
            after.deployments(),
            before.deployments().getFirst(),
            after.deployments().getFirst());

    assertThat(fits).isEqualTo(beside);
  }
}
