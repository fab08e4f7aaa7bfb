package dev.mixserve.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ParsePoolTest {
  private static final int BIG = ParsePool.INLINE_BYTES;

  @Test
  void bigBodiesAreParsedOnTheNamedPlatformThreadsSmallOnesInPlace() {
    try (var pool = new ParsePool(1, 1)) {
      Thread caller = Thread.currentThread();
      assertThat(pool.run(BIG - 1, Thread::currentThread)).isSameAs(caller);
      Thread worker = pool.run(BIG, Thread::currentThread);
      assertThat(worker.getName()).startsWith("mixserve-parse-");
      assertThat(worker.isVirtual()).isFalse();
    }
  }

  @Test
  void whatTheWorkThrowsIsThrownAsItWas() {
    try (var pool = new ParsePool(1, 1)) {
      var invalid = ServeException.invalid("bad form");
      assertThatThrownBy(
              () ->
                  pool.run(
                      BIG,
                      () -> {
                        throw invalid;
                      }))
          .isSameAs(invalid);
    }
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterInsteadOfWaiting() throws Exception {
    var release = new CountDownLatch(1);
    var started = new CountDownLatch(1);
    try (var pool = new ParsePool(1, 1);
        var callers = Executors.newVirtualThreadPerTaskExecutor()) {
      var running =
          CompletableFuture.supplyAsync(
              () ->
                  pool.run(
                      BIG,
                      () -> {
                        started.countDown();
                        awaitLatch(release);
                        return "first";
                      }),
              callers);
      started.await();
      var queued = CompletableFuture.supplyAsync(() -> pool.run(BIG, () -> "second"), callers);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> pool.run(BIG, () -> "third"))
                      .isInstanceOfSatisfying(
                          ServeException.class,
                          e -> {
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.retryAfterSeconds()).isPositive();
                          }));
      release.countDown();
      assertThat(running.get()).isEqualTo("first");
      assertThat(queued.get()).isEqualTo("second");
    }
  }

  @Test
  void aClosedPoolRefusesWith503() {
    var pool = new ParsePool(1, 1);
    pool.close();
    assertThatThrownBy(() -> pool.run(BIG, () -> "late"))
        .isInstanceOfSatisfying(ServeException.class, e -> assertThat(e.status()).isEqualTo(503));
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
