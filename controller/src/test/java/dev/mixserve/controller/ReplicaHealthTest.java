package dev.mixserve.controller;

import static dev.mixserve.controller.ReplicaState.FAILED;
import static dev.mixserve.controller.ReplicaState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Health checks of replicas too busy to answer them in time (#16): a check that timed out while the
 * replica answered calls is no failure, and a timeout alone never fails the last replicas of a
 * deployment at once.
 */
class ReplicaHealthTest extends Fixture {
  private static final String BUSY =
      "mixserve_health_checks_total{deployment=\"emb\",result=\"busy\"}";
  private static final String FAILED_CHECKS =
      "mixserve_health_checks_total{deployment=\"emb\",result=\"failed\"}";

  @Test
  void checksThatTimeOutWhileTheReplicaAnswersCallsFailNothing() {
    apply(deployment("emb", 2));
    tickUntil(() -> state("emb-1") == RUNNING && state("emb-2") == RUNNING);
    var busy = member("emb-1");
    probe.timingOut.add(busy.endpoint());

    for (int i = 0; i < 2 * HEALTH.failureThreshold(); i++) {
      busy.answered(200);
      clock.advance(HEALTH.interval());
      tick(2);
    }

    assertThat(state("emb-1")).isEqualTo(RUNNING);
    assertThat(view("emb-1").restarts()).isZero();
    assertThat(members("emb")).containsExactlyInAnyOrder("emb-1", "emb-2");
    assertThat(metric(BUSY)).isEqualTo(2 * HEALTH.failureThreshold());
    assertThat(metric(FAILED_CHECKS)).isZero();
  }

  /** A worker that died: the gateway saw it refuse, the check failed: one check is enough. */
  @Test
  void aRefusingReplicaWhoseCheckFailsFailsAtOnce() {
    apply(deployment("emb", 1));
    tickUntil(() -> state("emb-1") == RUNNING);
    var gone = member("emb-1");
    probe.failing.add(gone.endpoint());
    controller.pool("emb").reportFailure(gone, new java.net.ConnectException("Connection refused"));
    tick(2);
    assertThat(state("emb-1")).isEqualTo(FAILED);
    assertThat(view("emb-1").lastError()).contains("fake failure");
  }

  @Test
  void errorAnswersAreNoSignOfLife() {
    apply(deployment("emb", 2));
    tickUntil(() -> state("emb-1") == RUNNING && state("emb-2") == RUNNING);
    var broken = member("emb-1");
    probe.timingOut.add(broken.endpoint());

    for (int i = 0; i < HEALTH.failureThreshold(); i++) {
      broken.answered(503);
      clock.advance(HEALTH.interval());
      tick(2);
    }

    assertThat(state("emb-1")).as("its peer serves, so its timeouts count").isEqualTo(FAILED);
    assertThat(state("emb-2")).isEqualTo(RUNNING);
    assertThat(metric(BUSY)).isZero();
    assertThat(metric(FAILED_CHECKS)).isEqualTo(HEALTH.failureThreshold());
  }

  @Test
  void twoReplicasWhoseChecksTimeOutTogetherAreNotFailedAtOnce() {
    apply(deployment("emb", 2));
    tickUntil(() -> state("emb-1") == RUNNING && state("emb-2") == RUNNING);
    URI first = member("emb-1").endpoint();
    URI second = member("emb-2").endpoint();
    probe.timingOut.add(first);
    probe.timingOut.add(second);

    for (int i = 0; i < HEALTH.failureThreshold(); i++) {
      clock.advance(HEALTH.interval());
      tick(2);
    }

    assertThat(members("emb")).as("kept serving").containsExactlyInAnyOrder("emb-1", "emb-2");
    assertThat(view("emb-1").restarts() + view("emb-2").restarts()).isZero();
    assertThat(view("emb-1").lastError()).contains("timed out").contains("kept");
    assertThat(metric(FAILED_CHECKS)).isEqualTo(2 * HEALTH.failureThreshold());

    // One answers again: the other, still silent, may now go, one at a time.
    probe.timingOut.remove(second);
    clock.advance(HEALTH.interval());
    tick(2);

    assertThat(state("emb-1")).isEqualTo(FAILED);
    assertThat(members("emb")).containsExactly("emb-2");
  }

  @Test
  void theLastReplicaIsKeptUntilARequestDeadlinePassedWithoutAnAnswer() {
    apply(deployment("emb", 1));
    tickUntil(() -> state("emb-1") == RUNNING);
    var deadline = deployment("emb", 1).limits().timeout();
    probe.timingOut.add(member("emb-1").endpoint());

    long checks = deadline.dividedBy(HEALTH.interval());
    for (int i = 1; i < checks; i++) {
      clock.advance(HEALTH.interval());
      tick(2);
    }
    assertThat(state("emb-1")).isEqualTo(RUNNING);
    assertThat(view("emb-1").restarts()).isZero();

    clock.advance(HEALTH.interval());
    tick(2);

    assertThat(state("emb-1"))
        .as("no answer for a whole request deadline: it serves nobody")
        .isEqualTo(FAILED);
    assertThat(view("emb-1").lastError()).contains("health checks failed");
  }

  @Test
  void onlyWholeAnswersWithoutA5xxCount() {
    var m = new Member("r-1", URI.create("http://127.0.0.1:1"), 4);

    m.answered(200);
    m.answered(404);
    m.answered(503);
    m.answered(999);

    assertThat(m.answers()).isEqualTo(2);
  }

  private Member member(String id) {
    return controller.pool("emb").snapshot().members().stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no member " + id));
  }
}
