package dev.mixserve.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.core.metrics.ServeMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeploymentRuntimeTest {
  private static final Deployment D =
      new Deployment(
          "x",
          "/x",
          Task.CHAT,
          new EngineSpec("test", "", Map.of()),
          null,
          null,
          1,
          null,
          null,
          null,
          null);

  private static Engine engine() {
    return new Engine() {
      @Override
      public ModelCard card() {
        return new ModelCard("m", Task.CHAT, "test", "", Map.of());
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void aFailedLoadIsTriedAgainAfterABackoff() throws Exception {
    var attempts = new AtomicInteger();
    var rt = new DeploymentRuntime(D, new ServeMetrics(new Metrics()).forDeployment("x"));

    var first =
        rt.load(
                () -> {
                  if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("network down");
                  }
                  return engine();
                })
            .get(5, TimeUnit.SECONDS);

    assertThat(first).isEqualTo(new DeploymentRuntime.State.Failed("network down"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> rt.state() instanceof DeploymentRuntime.State.Ready);
    assertThat(attempts).hasValue(2);
    rt.close();
  }

  @Test
  void aClosedRuntimeStopsTrying() throws Exception {
    var attempts = new AtomicInteger();
    var rt = new DeploymentRuntime(D, new ServeMetrics(new Metrics()).forDeployment("x"));
    rt.load(
            () -> {
              attempts.incrementAndGet();
              throw new IllegalStateException("no such file");
            })
        .get(5, TimeUnit.SECONDS);

    rt.close();
    Thread.sleep(1500);

    assertThat(attempts).hasValue(1);
    assertThat(rt.state()).isInstanceOf(DeploymentRuntime.State.Closed.class);
  }

  @Test
  void closeWaitsForALoadInProgressAndClosesWhatItLoaded() throws Exception {
    var inside = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var engineClosed = new CountDownLatch(1);
    var rt = new DeploymentRuntime(D, new ServeMetrics(new Metrics()).forDeployment("x"));
    rt.load(
        () -> {
          inside.countDown();
          uninterruptibly(release); // as a native model load: an interrupt does not stop it
          return new Engine() {
            @Override
            public ModelCard card() {
              return engine().card();
            }

            @Override
            public void close() {
              engineClosed.countDown();
            }
          };
        });
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

    var closing = CompletableFuture.runAsync(rt::close);
    Thread.sleep(300);
    assertThat(closing).as("close waits for the load").isNotDone();
    release.countDown();

    closing.get(5, TimeUnit.SECONDS);
    assertThat(engineClosed.getCount()).as("the engine loaded meanwhile is closed").isZero();
    assertThat(rt.state()).isInstanceOf(DeploymentRuntime.State.Closed.class);
  }

  @Test
  void closeInterruptsALoadThatCanStop() throws Exception {
    var inside = new CountDownLatch(1);
    var rt = new DeploymentRuntime(D, new ServeMetrics(new Metrics()).forDeployment("x"));
    rt.load(
        () -> {
          inside.countDown();
          try {
            Thread.sleep(Duration.ofMinutes(5)); // a download
          } catch (InterruptedException e) {
            throw new IllegalStateException("download interrupted");
          }
          return engine();
        });
    assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture.runAsync(rt::close).get(5, TimeUnit.SECONDS);
    assertThat(rt.state()).isInstanceOf(DeploymentRuntime.State.Closed.class);
  }

  private static void uninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
