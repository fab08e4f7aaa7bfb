package dev.mixserve.controller;

import static dev.mixserve.controller.ReplicaState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ControlLoopTest extends Fixture {
  @Test
  void aStepThatThrowsIsCountedAndTheOtherStepsStillRun() {
    controller =
        controller(
            new Controller.Hooks(
                () -> {
                  throw new IllegalStateException("inventory unreachable");
                },
                v -> {}));
    apply(deployment("emb", 1));

    tickUntil(() -> state("emb-1") == RUNNING);

    assertThat(members("emb")).containsExactly("emb-1");
    double ticks = metric("mixserve_controller_step_seconds_count{step=\"publish\"}");
    assertThat(metric("mixserve_controller_step_errors_total{step=\"inventory\"}"))
        .isEqualTo(ticks);
    assertThat(metric("mixserve_controller_step_seconds_count{step=\"inventory\"}"))
        .isEqualTo(ticks);
    assertThat(metric("mixserve_controller_step_errors_total{step=\"reconcile\"}")).isNaN();
  }

  @Test
  void aPlacementThatThrowsForOneDeploymentLeavesTheOthersRunning() {
    controller.apply(
        List.of(deployment("bad", 1), deployment("good", 1)),
        null,
        d -> {
          if (d.name().equals("bad")) {
            throw new IllegalStateException("no GPU left for bad");
          }
          return new dev.mixserve.scheduler.device.LaunchHints(java.util.Map.of(), List.of());
        });

    tickUntil(() -> state("good-1") == RUNNING);

    assertThat(metric("mixserve_controller_step_errors_total{step=\"reconcile\"}")).isPositive();
  }

  @Test
  void publishesANewVersionWhenAPoolChanges() {
    var versions = new CopyOnWriteArrayList<Long>();
    controller = controller(new Controller.Hooks(() -> {}, versions::add));
    apply(deployment("emb", 1));

    tickUntil(() -> state("emb-1") == RUNNING);
    tick(3);

    assertThat(versions).containsExactly(1L);
    assertThat(controller.version()).isEqualTo(1);
  }

  @Test
  void isHealthyOnlyWhileTicksKeepComing() {
    assertThat(controller.healthy(Duration.ofSeconds(5))).as("before the first tick").isFalse();
    tick(1);
    assertThat(controller.healthy(Duration.ofSeconds(5))).isTrue();

    clock.advance(Duration.ofSeconds(6));

    assertThat(controller.healthy(Duration.ofSeconds(5))).as("a hung loop").isFalse();
  }

  @Test
  void theLoopThreadTicksByItselfAndCloseStopsEveryReplica() {
    var real =
        new Controller(
            launcher,
            probe,
            POLICY,
            metrics,
            InstantSource.system(),
            Duration.ofMillis(10),
            Controller.Hooks.NONE,
            Runnable::run);
    real.apply(List.of(deployment("emb", 2)), null, d -> hints());
    real.start();

    await().until(() -> real.pool("emb").snapshot().members().size() == 2);
    assertThat(real.healthy(Duration.ofSeconds(5))).isTrue();
    real.close(Duration.ofSeconds(1));

    assertThat(launcher.calls).contains("stop emb-1", "stop emb-2");
    assertThat(real.pool("emb").snapshot().members()).isEmpty();
    assertThat(real.healthy(Duration.ofSeconds(5))).isFalse();
  }

  @Test
  void requestThreadsPickAndLeaseWhileTheLoopRescales() throws Exception {
    var real =
        new Controller(
            launcher,
            probe,
            POLICY,
            metrics,
            InstantSource.system(),
            Duration.ofMillis(1),
            Controller.Hooks.NONE,
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    real.apply(List.of(deployment("emb", 3)), null, d -> hints());
    real.start();
    var pool = real.pool("emb");
    var seen = java.util.concurrent.ConcurrentHashMap.<Member>newKeySet();
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
      for (int t = 0; t < 8; t++) {
        threads.submit(
            () -> {
              while (System.nanoTime() < until) {
                var m = pool.awaitMember(Duration.ofSeconds(5)).orElseThrow();
                seen.add(m);
                try (var lease = m.lease()) {
                  java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                }
              }
              return null;
            });
      }
      for (int n : new int[] {1, 4, 2, 3}) {
        Thread.sleep(50);
        real.apply(List.of(deployment("emb", n)), null, d -> hints());
      }
    }
    real.close(Duration.ofSeconds(2));

    assertThat(seen).isNotEmpty().allSatisfy(m -> assertThat(m.inFlight()).isZero());
    assertThat(real.replicas()).isEmpty();
  }

  private static dev.mixserve.scheduler.device.LaunchHints hints() {
    return new dev.mixserve.scheduler.device.LaunchHints(java.util.Map.of(), List.of());
  }
}
