package dev.mixserve.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ReplicaPoolTest {
  private final Random random = new Random(42);
  private final ReplicaPool pool = new ReplicaPool("d", () -> random);

  @Test
  void prefersTheLessLoadedOfTwo() {
    var idle = member("idle", 10);
    var busy = member("busy", 10);
    var busiest = member("busiest", 10);
    load(busy, 5);
    load(busiest, 9);
    pool.publish(List.of(idle, busy, busiest));

    var picks = pick(9_000, Set.of());

    // the idle one wins every pair it is in (2/3 of pairs), the busiest none
    assertThat(picks.get("idle")).isBetween(5_700, 6_300);
    assertThat(picks.get("busy")).isBetween(2_700, 3_300);
    assertThat(picks).doesNotContainKey("busiest");
  }

  @Test
  void avoidsFullMembersWhileOthersHaveRoom() {
    var full1 = member("full1", 2);
    var full2 = member("full2", 2);
    var roomy = member("roomy", 100);
    load(full1, 2);
    load(full2, 2);
    load(roomy, 50);
    pool.publish(List.of(full1, full2, roomy));

    assertThat(pick(1_000, Set.of())).containsOnlyKeys("roomy");
  }

  @Test
  void neverPicksAnExcludedId() {
    pool.publish(List.of(member("a", 5), member("b", 5), member("c", 5)));

    assertThat(pick(1_000, Set.of("a", "c"))).containsOnlyKeys("b");
    assertThat(pool.pick(Set.of("a", "b", "c"))).isEmpty();
  }

  @Test
  void leasesCountInFlightOnce() {
    var m = member("a", 5);
    var lease = m.lease();
    assertThat(m.inFlight()).isEqualTo(1);
    lease.close();
    lease.close();
    assertThat(m.inFlight()).isZero();
  }

  @Test
  void waitersBlockUntilAMemberIsPublished() throws Exception {
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<Optional<Member>> waiting = new CompletableFuture<>();
      threads.submit(() -> waiting.complete(pool.awaitMember(Duration.ofSeconds(10))));
      await().until(() -> pool.waiters() == 1);
      assertThat(pool.ongoing()).isEqualTo(1);

      var m = member("a", 5);
      pool.publish(List.of(m));

      assertThat(waiting.get()).contains(m);
      assertThat(pool.waiters()).isZero();
    }
  }

  @Test
  void waitingIsBounded() throws Exception {
    assertThat(pool.awaitMember(Duration.ofMillis(50))).isEmpty();
    assertThat(pool.waiters()).isZero();
  }

  @Test
  void aRefusedConnectionLeavesThePoolAtOnce() {
    var a = member("a", 5);
    var b = member("b", 5);
    pool.publish(List.of(a, b));
    long version = pool.snapshot().version();

    pool.reportFailure(a, new IOException("wrapped", new ConnectException("refused")));

    assertThat(pool.snapshot().members()).containsExactly(b);
    assertThat(pool.snapshot().version()).isGreaterThan(version);
    assertThat(a.takeCheckRequest()).isTrue();
    pool.publish(List.of(a, b)); // the controller keeps it out until a check passes
    assertThat(pool.snapshot().members()).containsExactly(b);
  }

  @Test
  void otherFailuresOnlyAskForACheck() {
    var a = member("a", 5);
    pool.publish(List.of(a));

    pool.reportFailure(a, new IOException("reset"));

    assertThat(pool.snapshot().members()).containsExactly(a);
    assertThat(a.takeCheckRequest()).isTrue();
    assertThat(a.takeCheckRequest()).isFalse();
  }

  @Test
  void ongoingCountsQueuedRequestsToo() {
    var a = member("a", 5);
    load(a, 2);
    pool.publish(List.of(a));
    pool.bindQueue(() -> 3);

    assertThat(pool.ongoing()).isEqualTo(5);
  }

  private Map<String, Integer> pick(int times, Set<String> exclude) {
    var counts = new HashMap<String, Integer>();
    for (int i = 0; i < times; i++) {
      counts.merge(pool.pick(exclude).orElseThrow().id(), 1, Integer::sum);
    }
    return counts;
  }

  private static Member member(String id, int maxOngoing) {
    return new Member(id, URI.create("http://127.0.0.1:1/" + id), maxOngoing);
  }

  private static void load(Member m, int calls) {
    for (int i = 0; i < calls; i++) {
      m.lease();
    }
  }
}
