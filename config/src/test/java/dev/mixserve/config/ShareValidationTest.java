package dev.mixserve.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GPU shares outside 1..1000 milli-GPU are refused at load, naming where in the document. */
class ShareValidationTest {
  static String config(String gpu) {
    return """
        deployments:
          - {name: a, task: embedding, engine: {kind: echo}}
          - {name: b, task: embedding, engine: {kind: echo}, resources: {gpu: 0.5}}
          - name: c
            task: chat
            engine: {kind: echo}
            resources:
              gpu: %s
        """
        .formatted(gpu);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.0", "0m", "1001m", "1.5", "2", "-0.5", "-1", "0.0005", "half"})
  void rejectsWithThePath(String gpu) {
    assertThatThrownBy(() -> ConfigLoader.parse(config(gpu), "test.yaml"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.path()).isEqualTo("deployments[2].resources.gpu");
              assertThat(e.getMessage()).startsWith("test.yaml:8: deployments[2].resources.gpu: ");
            });
  }

  @ParameterizedTest
  @CsvSource({"0.95, 950", "950m, 950", "1, 1000", "0.001, 1", "1000m, 1000", "0.5, 500"})
  void acceptsSharesInRange(String gpu, int milli) {
    var cfg = ConfigLoader.parse(config(gpu), "test.yaml");
    assertThat(cfg.deployments().get(2).resources().milliGpu()).isEqualTo(milli);
  }
}
