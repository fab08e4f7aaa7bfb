package dev.mixserve.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedTest {
  /** Counts how often it is closed. */
  static final class Thing implements AutoCloseable {
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  private final Shared<String, Thing> shared = new Shared<>();
  private final AtomicInteger made = new AtomicInteger();

  private Thing make() {
    made.incrementAndGet();
    return new Thing();
  }

  @Test
  void twoUsersOfOneKeyShareOneValueClosedOnceWhenBothLetGo() {
    var a = shared.acquire("bge", this::make);
    var b = shared.acquire("bge", this::make);
    assertThat(b.get()).isSameAs(a.get());
    assertThat(made).hasValue(1);
    a.close();
    assertThat(a.get().closed).hasValue(0);
    b.close();
    assertThat(b.get().closed).hasValue(1);
    assertThat(shared.size()).isZero();
  }

  @Test
  void closingOneLeaseTwiceLetsGoOnce() {
    var a = shared.acquire("bge", this::make);
    var b = shared.acquire("bge", this::make);
    a.close();
    a.close();
    assertThat(b.get().closed).hasValue(0);
    b.close();
    assertThat(b.get().closed).hasValue(1);
  }

  @Test
  void differentKeysGetDifferentValues() {
    try (var a = shared.acquire("bge", this::make);
        var b = shared.acquire("other", this::make)) {
      assertThat(a.get()).isNotSameAs(b.get());
    }
    assertThat(made).hasValue(2);
  }

  @Test
  void aKeyUsedAgainAfterItsLastUserLeftIsMadeAnew() {
    shared.acquire("bge", this::make).close();
    try (var again = shared.acquire("bge", this::make)) {
      assertThat(again.get().closed).hasValue(0);
    }
    assertThat(made).hasValue(2);
  }

  @Test
  void aFailedMakeIsNotKept() {
    assertThatThrownBy(
            () ->
                shared.acquire(
                    "bge",
                    () -> {
                      throw new IllegalArgumentException("cannot load");
                    }))
        .hasMessage("cannot load");
    assertThat(shared.size()).isZero();
    try (var ok = shared.acquire("bge", this::make)) {
      assertThat(ok.get()).isNotNull();
    }
  }

  @Test
  void aUserWhoComesDuringTheMakeWaitsForItAndGetsTheSameValue() throws Exception {
    var making = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    @SuppressWarnings("unchecked")
    Shared.Lease<Thing>[] first = new Shared.Lease[1];
    Thread maker =
        Thread.ofPlatform()
            .start(
                () ->
                    first[0] =
                        shared.acquire(
                            "bge",
                            () -> {
                              making.countDown();
                              await(release);
                              return make();
                            }));
    making.await();
    Thread waiter = Thread.ofPlatform().start(() -> shared.acquire("bge", this::make).close());
    while (waiter.getState() != Thread.State.WAITING) {
      Thread.onSpinWait(); // until it waits for the make, not before it came
    }
    release.countDown();
    maker.join();
    waiter.join();
    assertThat(made).hasValue(1);
    assertThat(first[0].get().closed).hasValue(0);
    first[0].close();
    assertThat(first[0].get().closed).hasValue(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
