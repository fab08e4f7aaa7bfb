package dev.mixserve.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WithoutLlmTest {
  private static final String YAML =
      """
      server:
        port: 8000
      nodes:
        - name: local
          address: 127.0.0.1
      deployments:
        - name: embeddings
          route: /embeddings
        - name: llm
          route: /llm
          engine:
            # a comment inside the block
            model: hf://x
        - name: tts
          route: /tts
      auth:
        keys: []
      """;

  @Test
  void dropsOnlyTheLlmDeployment() {
    String cut = WithoutLlm.cut(YAML);
    assertThat(cut).doesNotContain("llm").doesNotContain("hf://x").doesNotContain("comment");
    assertThat(cut).contains("route: /embeddings", "route: /tts", "- name: local", "auth:");
    assertThat(WithoutLlm.deployments(cut)).containsExactly("embeddings", "tts");
  }

  @Test
  void llmAsTheLastDeploymentEndsAtTheNextTopLevelKey() {
    String yaml = "deployments:\n  - name: a\n  - name: llm\n    route: /llm\nserver:\n  port: 1\n";
    assertThat(WithoutLlm.cut(yaml)).isEqualTo("deployments:\n  - name: a\nserver:\n  port: 1\n");
  }

  @Test
  void nodesAreNotDeployments() {
    assertThat(WithoutLlm.deployments(YAML)).containsExactly("embeddings", "llm", "tts");
  }

  @Test
  void aConfigWithoutLlmIsRefused() {
    assertThatThrownBy(() -> WithoutLlm.cut("deployments:\n  - name: a\n"))
        .hasMessageContaining("no deployment named llm");
  }
}
