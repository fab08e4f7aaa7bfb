package dev.mixserve.controller;

import static dev.mixserve.controller.ReplicaState.DRAINING;
import static dev.mixserve.controller.ReplicaState.FAILED;
import static dev.mixserve.controller.ReplicaState.RUNNING;
import static dev.mixserve.controller.ReplicaState.STARTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.Autoscaling;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ScalingTest extends Fixture {
  @Test
  void scaleDownDrainsTheNewestAndStopsItOnceItsCallsFinished() {
    apply(deployment("emb", 2));
    tickUntil(() -> members("emb").size() == 2);
    var newest = member("emb", "emb-2");
    var lease = newest.lease();

    apply(deployment("emb", 1));
    tick(3);
    assertThat(state("emb-2")).isEqualTo(DRAINING);
    assertThat(members("emb")).containsExactly("emb-1");
    assertThat(launcher.calls).doesNotContain("stop emb-2");

    lease.close();
    tick(1);
    assertThat(gone("emb-2")).isTrue();
    assertThat(launcher.calls).contains("stop emb-2").doesNotContain("stop emb-1");
  }

  @Test
  void aDrainThatOutlivesTheRequestTimeoutStopsAnyway() {
    apply(deployment("emb", 1));
    tickUntil(() -> state("emb-1") == RUNNING);
    member("emb", "emb-1").lease();

    apply();
    tick(1);
    assertThat(state("emb-1")).isEqualTo(DRAINING);
    clock.advance(deployment("emb", 1).limits().timeout());
    tick(1);

    assertThat(gone("emb-1")).isTrue();
    assertThat(launcher.calls).contains("stop emb-1");
  }

  @Test
  void aReloadSwitchesThePoolOnceTheNewSpecRunsThenDrainsTheOld() {
    apply(deployment("emb", 1));
    tickUntil(() -> state("emb-1") == RUNNING);
    var pool = controller.pool("emb");

    launcher.readyAfter(3);
    apply(deployment("emb", 1, null, "v2"));
    tick(2);
    assertThat(state("emb-2")).isEqualTo(STARTING);
    assertThat(members("emb")).as("the old spec serves meanwhile").containsExactly("emb-1");

    tickUntil(() -> gone("emb-1"));
    assertThat(controller.pool("emb")).isSameAs(pool);
    assertThat(members("emb")).containsExactly("emb-2");
    assertThat(launcher.calls).contains("stop emb-1");
  }

  @Test
  void aReloadWhoseSharesDoNotFitTwiceDrainsTheOldBeforeStartingTheNew() {
    var old = withGpu(deployment("llm", 1), 800);
    apply(old);
    tickUntil(() -> state("llm-1") == RUNNING);
    var lease = member("llm", "llm-1").lease();

    apply(withGpu(deployment("llm", 1, null, "v2"), 800));
    tick(3);
    assertThat(state("llm-1")).isEqualTo(DRAINING);
    assertThat(members("llm")).as("requests are held meanwhile").isEmpty();
    assertThat(launcher.calls).noneMatch(c -> c.equals("start llm-2"));

    lease.close();
    tickUntil(() -> state("llm-2") == RUNNING);
    assertThat(launcher.calls)
        .containsSubsequence("stop llm-1", "start llm-2")
        .as("the old one stopped before the new one started");
    assertThat(members("llm")).containsExactly("llm-2");
  }

  @Test
  void sharesThatFitTwiceReloadSideBySide() {
    var half = withGpu(deployment("a", 1), 500);
    assertThat(Fits.onOneGpu(half, half)).isTrue();
    assertThat(Fits.onOneGpu(half, withGpu(deployment("a", 1), 600))).isFalse();
    assertThat(Fits.onOneGpu(deployment("a", 1), deployment("a", 1))).isTrue();
  }

  private static dev.mixserve.api.Deployment withGpu(dev.mixserve.api.Deployment d, int milli) {
    return d.withResources(new dev.mixserve.api.Resources(milli, 0, 0));
  }

  @Test
  void aNewSpecThatNeverGetsReadyLeavesTheOldServing() {
    apply(deployment("emb", 1));
    tickUntil(() -> state("emb-1") == RUNNING);

    launcher.neverReady();
    apply(deployment("emb", 1, null, "v2"));
    tick(3);
    clock.advance(PROCESS.startupTimeout());
    tick(3);

    assertThat(state("emb-2")).isEqualTo(FAILED);
    assertThat(state("emb-1")).isEqualTo(RUNNING);
    assertThat(members("emb")).containsExactly("emb-1");
  }

  @Test
  void aRemovedDeploymentDrainsAndItsPoolEmpties() {
    apply(deployment("emb", 2));
    tickUntil(() -> members("emb").size() == 2);

    apply();
    tick(2);

    assertThat(controller.replicas()).isEmpty();
    assertThat(members("emb")).isEmpty();
    assertThat(metric("mixserve_replicas{deployment=\"emb\",state=\"running\"}")).isZero();
  }

  @Test
  void aWaiterOnAnIdleDeploymentStartsOneReplicaAtOnce() throws Exception {
    var scaling = new Autoscaling(0, 3, 1, Duration.ofMinutes(1), Duration.ofMinutes(5));
    apply(deployment("llm", 0, scaling, "v1"));
    tick(2);
    assertThat(controller.replicas()).isEmpty();

    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      var pool = controller.pool("llm");
      CompletableFuture<Optional<Member>> waiting = new CompletableFuture<>();
      threads.submit(() -> waiting.complete(pool.awaitMember(Duration.ofSeconds(30))));
      await().until(() -> pool.waiters() == 1);
      assertThat(metric("mixserve_replica_pool_waiters{deployment=\"llm\"}")).isEqualTo(1);

      tickUntil(() -> state("llm-1") == RUNNING);

      assertThat(waiting.get().map(Member::id)).contains("llm-1");
    }
    assertThat(controller.replicas()).hasSize(1);
  }

  @Test
  void sustainedLoadAddsReplicasAfterTheUpscaleDelay() {
    var scaling = new Autoscaling(1, 4, 2, Duration.ofSeconds(30), Duration.ofMinutes(5));
    apply(deployment("llm", 1, scaling, "v1"));
    tickUntil(() -> state("llm-1") == RUNNING);
    var m = member("llm", "llm-1");
    for (int i = 0; i < 6; i++) {
      m.lease();
    }

    tick(1);
    clock.advance(Duration.ofSeconds(29));
    tick(1);
    assertThat(controller.replicas()).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    tick(1);

    assertThat(controller.replicas()).hasSize(3);
  }

  private Member member(String deployment, String id) {
    return controller.pool(deployment).snapshot().members().stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
