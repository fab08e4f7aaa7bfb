package dev.mixserve.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Batching;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.batch.Batcher;
import dev.mixserve.core.metrics.DeploymentMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatcherTest {
  @Test
  void mergesRequestsQueuedWhileTheEngineIsBusyAndKeepsOrder() throws Exception {
    var sizes = new CopyOnWriteArrayList<Integer>();
    var gate = new CountDownLatch(1);
    var entered = new CountDownLatch(1);
    var metrics = DeploymentMetrics.detached("t");
    try (var b =
        new Batcher<Integer, Integer>(
            "t",
            new Batching(8, Duration.ZERO, 1),
            1000,
            items -> {
              sizes.add(items.size());
              entered.countDown();
              await(gate);
              return items.stream().map(i -> i * 10).toList();
            },
            metrics)) {
      var first = b.submit(List.of(1));
      await(entered);
      var later = new ArrayList<CompletableFuture<List<Integer>>>();
      for (int i = 0; i < 5; i++) {
        later.add(b.submit(List.of(100 + i, 200 + i)));
      }
      gate.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).containsExactly(10);
      for (int i = 0; i < 5; i++) {
        assertThat(later.get(i).get(5, TimeUnit.SECONDS))
            .containsExactly(1000 + i * 10, 2000 + i * 10);
      }
      // 1 alone, then 10 items in batches of at most 8 without splitting a request: 8 + 2.
      assertThat(sizes).containsExactly(1, 8, 2);
      assertThat(metrics.batchSize().count()).isEqualTo(3);
    }
  }

  @Test
  void largeRequestsAreSplitIntoFullBatches() throws Exception {
    var sizes = new CopyOnWriteArrayList<Integer>();
    try (var b =
        new Batcher<Integer, Integer>(
            "t",
            new Batching(4, Duration.ZERO, 1),
            1000,
            items -> {
              sizes.add(items.size());
              return items;
            },
            DeploymentMetrics.detached("t"))) {
      var out = b.submit(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).get(5, TimeUnit.SECONDS);
      assertThat(out).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
      assertThat(sizes.stream().mapToInt(i -> i).sum()).isEqualTo(10);
      assertThat(sizes).allMatch(s -> s <= 4);
    }
  }

  @Test
  void fullQueueIsRefusedAtOnce() {
    var gate = new CountDownLatch(1);
    var entered = new CountDownLatch(1);
    try (var b =
        new Batcher<Integer, Integer>(
            "t",
            new Batching(2, Duration.ZERO, 1),
            4,
            items -> {
              entered.countDown();
              await(gate);
              return items;
            },
            DeploymentMetrics.detached("t"))) {
      b.submit(List.of(1, 2));
      await(entered); // the engine holds the first batch; the queue is empty again
      b.submit(List.of(3, 4));
      b.submit(List.of(5, 6));
      assertThatThrownBy(() -> b.submit(List.of(7)))
          .isInstanceOf(ServeException.class)
          .satisfies(e -> assertThat(((ServeException) e).status()).isEqualTo(429));
      gate.countDown();
    }
  }

  @Test
  void engineFailureFailsEveryRequestOfTheBatch() {
    try (var b =
        new Batcher<Integer, Integer>(
            "t",
            new Batching(4, Duration.ZERO, 1),
            100,
            items -> {
              throw new IllegalStateException("boom");
            },
            DeploymentMetrics.detached("t"))) {
      assertThatThrownBy(() -> b.submit(List.of(1)).get(5, TimeUnit.SECONDS))
          .hasMessageContaining("boom");
    }
  }

  @Test
  void closeWaitsForTheBatchInTheEngine() throws Exception {
    var inside = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var b =
        new Batcher<Integer, Integer>(
            "t",
            new Batching(4, Duration.ZERO, 1),
            100,
            items -> {
              inside.countDown();
              // A native call: the interrupt close() sends does not end it.
              while (release.getCount() > 0) {
                await(release);
              }
              return items;
            },
            DeploymentMetrics.detached("t"));
    var running = b.submit(List.of(1));
    await(inside);

    var closing = CompletableFuture.runAsync(b::close);
    Thread.sleep(300);
    assertThat(closing).as("close waits for the engine call").isNotDone();
    release.countDown();

    closing.get(5, TimeUnit.SECONDS);
    assertThat(running.get(5, TimeUnit.SECONDS)).containsExactly(1);
  }

  private static void await(CountDownLatch l) {
    try {
      l.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
