package dev.mixserve.controller;

import static dev.mixserve.controller.ReplicaState.FAILED;
import static dev.mixserve.controller.ReplicaState.RUNNING;
import static dev.mixserve.controller.ReplicaState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaLifecycleTest extends Fixture {
  @Test
  void startsThenRoutesOnceReady() {
    launcher.readyAfter(3);
    apply(deployment("emb", 1));

    tick(1);
    assertThat(state("emb-1")).isEqualTo(STARTING);
    assertThat(launcher.calls).containsExactly("start emb-1");

    tickUntil(() -> state("emb-1") == RUNNING);
    assertThat(launcher.count("ready emb-1")).isEqualTo(3);
    assertThat(members("emb")).containsExactly("emb-1");
    assertThat(view("emb-1").endpoint()).isEqualTo(launcher.replica("emb-1").endpoint());
    assertThat(metric("mixserve_replicas{deployment=\"emb\",state=\"running\"}")).isEqualTo(1);
    assertThat(metric("mixserve_replicas{deployment=\"emb\",state=\"failed\"}")).isZero();
  }

  @Test
  void anExitedReplicaLeavesThePoolAndRestartsAfterABackoffThatDoublesUpToTheCap() {
    apply(deployment("emb", 1));
    tickUntil(() -> state("emb-1") == RUNNING);

    var waits = new ArrayList<Duration>();
    for (int i = 0; i < 4; i++) {
      waits.add(exitAndTimeRestart());
    }

    assertThat(waits).extracting(Duration::toMillis).containsExactly(1000L, 2000L, 4000L, 4000L);
    assertThat(view("emb-1").restarts()).isEqualTo(4);
    assertThat(metric("mixserve_replica_restarts_total{deployment=\"emb\"}")).isEqualTo(4);
  }

  @Test
  void aLongHealthyRunForgivesPastFailures() {
    apply(deployment("emb", 1));
    tickUntil(() -> state("emb-1") == RUNNING);
    exitAndTimeRestart();
    exitAndTimeRestart();

    clock.advance(POLICY.maxDelay());
    tick(1);

    assertThat(exitAndTimeRestart()).isEqualTo(POLICY.initialDelay());
  }

  @Test
  void aLaunchThatThrowsFailsAndIsRetriedAfterTheBackoff() {
    launcher.failStarts(1);
    apply(deployment("emb", 1));

    tickUntil(() -> state("emb-1") == FAILED);
    assertThat(view("emb-1").lastError()).contains("no such command");
    clock.advance(Duration.ofMillis(999));
    tick(2);
    assertThat(state("emb-1")).isEqualTo(FAILED);

    clock.advance(Duration.ofMillis(1));
    tickUntil(() -> state("emb-1") == RUNNING);
    assertThat(launcher.count("start emb-1")).isEqualTo(2);
  }

  @Test
  void aReplicaNotReadyWithinTheStartupTimeoutIsStoppedAndFails() {
    launcher.neverReady();
    apply(deployment("emb", 1));
    tick(3);

    clock.advance(PROCESS.startupTimeout().minusSeconds(1));
    tick(1);
    assertThat(state("emb-1")).isEqualTo(STARTING);

    clock.advance(Duration.ofSeconds(1));
    tick(1);
    assertThat(state("emb-1")).isEqualTo(FAILED);
    assertThat(view("emb-1").lastError()).contains("not ready within");
    assertThat(launcher.calls).contains("stop emb-1");
  }

  @Test
  void failedHealthChecksUpToTheThresholdRestartTheReplica() {
    apply(deployment("emb", 1));
    tickUntil(() -> state("emb-1") == RUNNING);
    var first = launcher.replica("emb-1");
    probe.failing.add(first.endpoint());

    clock.advance(HEALTH.interval());
    tick(2);
    assertThat(state("emb-1")).as("one failure is below the threshold").isEqualTo(RUNNING);
    clock.advance(HEALTH.interval());
    tick(2);

    assertThat(state("emb-1")).isEqualTo(FAILED);
    assertThat(members("emb")).isEmpty();
    assertThat(first.stopped()).isTrue();
    assertThat(metric("mixserve_health_checks_total{deployment=\"emb\",result=\"failed\"}"))
        .isEqualTo(2);
    clock.advance(POLICY.initialDelay());
    tickUntil(() -> state("emb-1") == RUNNING);
    assertThat(launcher.replica("emb-1")).isNotSameAs(first);
  }

  @Test
  void aReportedFailureIsCheckedAtOnceAndARefusedReplicaLeavesThePool() {
    apply(deployment("emb", 1));
    tickUntil(() -> state("emb-1") == RUNNING);
    var pool = controller.pool("emb");
    var member = pool.pick().orElseThrow();
    int checks = probe.checks.get();

    pool.reportFailure(member, new java.net.ConnectException("refused"));
    assertThat(members("emb")).isEmpty();
    tick(1);
    assertThat(probe.checks.get()).isEqualTo(checks + 1);
    tick(1);

    assertThat(members("emb")).as("back once a check passed").containsExactly("emb-1");
  }

  /** Kills the running replica and returns how long it waited before starting again. */
  private Duration exitAndTimeRestart() {
    launcher.replica("emb-1").exit("exit code 137");
    tick(1);
    assertThat(state("emb-1")).isEqualTo(FAILED);
    assertThat(members("emb")).isEmpty();
    var waited = Duration.ZERO;
    while (state("emb-1") == FAILED) {
      clock.advance(Duration.ofMillis(500));
      waited = waited.plusMillis(500);
      tick(1);
    }
    tickUntil(() -> state("emb-1") == RUNNING);
    assertThat(members("emb")).isEqualTo(List.of("emb-1"));
    return waited;
  }
}
