package dev.mixserve.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.HealthCheck;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaConfigTest {
  private static String deployment(String extra) {
    return """
        deployments:
          - name: embeddings
            task: embedding
            engine: {kind: echo}
        """
        + extra.indent(4);
  }

  @Test
  void processAutoscalingAndHealthAreRead() {
    var cfg =
        ConfigLoader.parse(
            deployment(
                """
                replicas: {min: 0, max: 4, initial: 1, target_ongoing_requests: 1.5,
                           upscale_delay: 1s, downscale_delay: 20s}
                process: {args: [--verbose], env: {A: b}, ready_path: /ready,
                          startup_timeout: 30s, stop_timeout: 2s}
                health: {interval: 2s, timeout: 1s, failures: 2}
                """),
            "r.yaml");
    var d = cfg.deployments().getFirst();
    assertThat(d.supervised()).isTrue();
    assertThat(d.replicas()).isEqualTo(1);
    assertThat(d.autoscaling().min()).isZero();
    assertThat(d.autoscaling().max()).isEqualTo(4);
    assertThat(d.autoscaling().targetOngoingRequests()).isEqualTo(1.5);
    assertThat(d.autoscaling().downscaleDelay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(d.process().args()).containsExactly("--verbose");
    assertThat(d.process().env()).containsEntry("A", "b");
    assertThat(d.process().readyPath()).isEqualTo("/ready");
    assertThat(d.process().startupTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.health())
        .isEqualTo(new HealthCheck(Duration.ofSeconds(2), Duration.ofSeconds(1), 2));
  }

  @Test
  void defaultsAreInJvmFixedAndChecked() {
    var d = ConfigLoader.parse(deployment("replicas: 2"), "r.yaml").deployments().getFirst();
    assertThat(d.supervised()).isFalse();
    assertThat(d.autoscaling()).isNull();
    assertThat(d.replicas()).isEqualTo(2);
    assertThat(d.health()).isEqualTo(HealthCheck.DEFAULT);
    var p = ConfigLoader.parse(deployment("process: {}"), "r.yaml").deployments().getFirst();
    assertThat(p.process().startupTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.process().command()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          autoscaling in the JVM | 'replicas: {max: 2}'                               | deployments[0].replicas: autoscaling needs replicas that run as processes
          max below min          | 'replicas: {min: 3, max: 2}\\nprocess: {}'         | deployments[0].replicas.max: expected at least max(1, min) = 3
          initial out of range   | 'replicas: {max: 2, initial: 5}\\nprocess: {}'     | deployments[0].replicas.initial: expected a count from min 1 to max 2
          target zero            | 'replicas: {max: 2, target_ongoing_requests: 0}\\nprocess: {}' | target_ongoing_requests: expected a number above 0
          unknown key            | 'process: {comand: [x]}'                         | deployments[0].process
          relative ready path    | 'process: {ready_path: health}'                  | deployments[0].process.ready_path: expected a path starting with /
          zero failures          | 'health: {failures: 0}'                          | deployments[0].health.failures: expected at least 1
          """)
  void badReplicaSettingsAreNamed(String name, String yaml, String message) {
    assertThatThrownBy(() -> ConfigLoader.parse(deployment(yaml.replace("\\n", "\n")), "r.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
