package dev.mixserve.core.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Limits;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.core.metrics.ServeMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Queueing bounded in time: estimates from the measured service rate, on a fake clock. */
class QueueDeadlineTest {
  /** A clock that moves only when told. */
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private final Metrics registry = new Metrics();

  private AdmissionGate gate(int slots, int queue, Duration queueTimeout) {
    return new AdmissionGate(
        "d",
        new Limits(slots, queue, Duration.ofSeconds(60), 100, 429, queueTimeout),
        1,
        new ServeMetrics(registry).forDeployment("d"),
        now::get);
  }

  /** Runs one request that holds its slot for {@code seconds} of the fake clock. */
  private void serve(AdmissionGate gate, double seconds) {
    try (var p = gate.enter(Duration.ofSeconds(1))) {
      now.addAndGet((long) (seconds * 1e9));
    }
  }

  private static ServeException refusal(Runnable r) {
    try {
      r.run();
    } catch (ServeException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }

  private static String rejected(String reason) {
    return "mixserve_requests_rejected_total{deployment=\"d\",reason=\"" + reason + "\"} 1.0";
  }

  @Test
  void aRequestThatCannotStartBeforeItsDeadlineIsRefusedAtOnceWithRetryAfterFromTheRate() {
    var gate = gate(2, 10, Duration.ofSeconds(30));
    serve(gate, 4); // each request holds a slot 4 s: 2 slots finish one every 2 s
    try (var a = gate.enter(Duration.ofSeconds(1));
        var b = gate.enter(Duration.ofSeconds(1))) {
      // Next in line starts in about 2 s: a 1.5 s deadline cannot be met, so no waiting at all.
      var e = refusal(() -> gate.enter(Duration.ofMillis(1500)));
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.retryAfterSeconds()).isEqualTo(2);
      assertThat(e.getMessage()).contains("would wait about 2.0 s", "1500 ms queue limit");
      assertThat(registry.scrape()).contains(rejected("queue_wait"));
      assertThat(gate.queued()).isZero();
    }
  }

  @Test
  void queueTimeoutCapsTheWaitEvenForARequestWithALongDeadline() {
    var gate = gate(1, 10, Duration.ofSeconds(5));
    serve(gate, 8);
    try (var held = gate.enter(Duration.ofSeconds(1))) {
      // The client would wait 60 s; the deployment says 5 s; the rate says 8 s.
      var e = refusal(() -> gate.enter(Duration.ofSeconds(60)));
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.retryAfterSeconds()).isEqualTo(8);
      assertThat(e.getMessage()).contains("5000 ms queue limit");
    }
  }

  @Test
  void aRequestThatCanStartInTimeWaitsForItsSlot() throws Exception {
    var gate = gate(1, 10, Duration.ofSeconds(5));
    serve(gate, 0.5);
    var held = gate.enter(Duration.ofSeconds(1));
    var waiter = Thread.ofVirtual().start(() -> gate.enter(Duration.ofSeconds(30)).close());
    while (gate.queued() == 0) {
      Thread.onSpinWait();
    }
    held.close();
    waiter.join();
    assertThat(gate.running()).isZero();
    assertThat(registry.scrape()).doesNotContain("reason=");
  }

  @Test
  void retryAfterIsWholeSecondsFromOneToAMinuteAndGrowsWithTheQueue() {
    var gate = gate(4, 1000, Duration.ofSeconds(5));
    assertThat(gate.retryAfter(0)).as("nothing measured yet").isEqualTo(1);
    serve(gate, 0.01);
    assertThat(gate.retryAfter(0)).isEqualTo(1);
    serve(gate, 40); // mean 0.01 + 0.1 * (40 - 0.01) = 4.009 s
    assertThat(gate.retryAfter(0)).isEqualTo(2); // ceil(1 * 4.009 / 4)
    assertThat(gate.retryAfter(7)).isEqualTo(9); // ceil(8 * 4.009 / 4) = ceil(8.018)
    assertThat(gate.retryAfter(999)).isEqualTo(60);
  }

  @Test
  void aFullQueueKeepsItsStatusAndGetsRetryAfterFromTheRate() {
    var gate = gate(1, 0, Duration.ofSeconds(5));
    serve(gate, 3);
    try (var held = gate.enter(Duration.ofSeconds(1))) {
      var e = refusal(() -> gate.enter(Duration.ofSeconds(1)));
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.retryAfterSeconds()).isEqualTo(3);
      assertThat(registry.scrape()).contains(rejected("queue_full"));
    }
  }

  @Test
  void timeQueuedIsNotCountedAsService() throws Exception {
    var gate = gate(1, 10, Duration.ofSeconds(30));
    var held = gate.enter(Duration.ofSeconds(1));
    var waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (var p = gate.enter(Duration.ofSeconds(30))) {
                    now.addAndGet(1_000_000_000L); // served for 1 s
                  }
                });
    while (gate.queued() == 0) {
      Thread.onSpinWait();
    }
    now.addAndGet(9_000_000_000L); // the first request holds its slot 9 s, the second waits
    held.close();
    waiter.join();
    // Mean of 9 s then 1 s: 9 + 0.1 * (1 - 9) = 8.2 s. Had the 9 s queued counted, the second
    // would have held 10 s and the mean would be 9.1 s.
    assertThat(gate.retryAfter(0)).isEqualTo(9);
  }
}
