package dev.mixserve.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Limits;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.admission.AdmissionGate;
import dev.mixserve.core.metrics.DeploymentMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionGateTest {
  @Test
  void runsUpToSlotsQueuesUpToLimitAndRefusesTheRest() throws Exception {
    var gate =
        new AdmissionGate(
            "d",
            new Limits(1, 1, Duration.ofSeconds(5), 100, 503),
            1,
            DeploymentMetrics.detached("d"));
    var held = gate.enter(Duration.ofSeconds(1));
    var waiter = Thread.ofVirtual().start(() -> gate.enter(Duration.ofSeconds(5)).close());
    while (gate.queued() == 0) {
      Thread.onSpinWait();
    }
    assertThatThrownBy(() -> gate.enter(Duration.ofSeconds(1)))
        .isInstanceOf(ServeException.class)
        .satisfies(
            e -> {
              assertThat(((ServeException) e).status()).isEqualTo(503);
              assertThat(((ServeException) e).retryAfterSeconds()).isPositive();
            });
    held.close();
    waiter.join();
    assertThat(gate.running()).isZero();
  }

  @Test
  void queueTimeoutIs503() {
    var gate =
        new AdmissionGate(
            "d",
            new Limits(1, 5, Duration.ofSeconds(5), 100, 429),
            1,
            DeploymentMetrics.detached("d"));
    try (var held = gate.enter(Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> gate.enter(Duration.ofMillis(50)))
          .satisfies(e -> assertThat(((ServeException) e).status()).isEqualTo(503));
    }
  }

  @Test
  void capLowersTheRunningLimitForEnginesThatAreNotReentrant() {
    var gate =
        new AdmissionGate(
            "d",
            new Limits(8, 0, Duration.ofSeconds(5), 100, 429),
            1,
            DeploymentMetrics.detached("d"));
    gate.capRunning(1);
    try (var held = gate.enter(Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> gate.enter(Duration.ofSeconds(1)))
          .satisfies(e -> assertThat(((ServeException) e).status()).isEqualTo(429));
    }
    gate.enter(Duration.ofSeconds(1)).close();
    gate.capRunning(4); // raising is not what a cap does
    assertThat(gate.running()).isZero();
  }
}
