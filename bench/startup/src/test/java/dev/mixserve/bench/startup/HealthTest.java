package dev.mixserve.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTest {
  private static final List<String> NAMES = List.of("embeddings", "tts");

  @Test
  void readyWhenEveryNamedDeploymentIs() {
    var s =
        Health.states(
            "{\"status\":\"ok\",\"deployments\":{\"embeddings\":\"ready\",\"tts\":\"ready\"}}",
            NAMES);
    assertThat(Health.allReady(s)).isTrue();
    assertThat(Health.firstFailed(s)).isNull();
  }

  @Test
  void aMissingOrLoadingOneIsNotReady() {
    var s = Health.states("{\"deployments\":{\"embeddings\":\"loading\"}}", NAMES);
    assertThat(s).containsEntry("embeddings", "loading").containsEntry("tts", "");
    assertThat(Health.allReady(s)).isFalse();
  }

  @Test
  void aFailedOneIsNamedWithItsReason() {
    var s =
        Health.states(
            "{\"deployments\":{\"embeddings\":\"ready\",\"tts\":\"failed: no voice\"}}", NAMES);
    assertThat(Health.firstFailed(s)).isEqualTo("tts failed: no voice");
  }
}
