package dev.mixserve.controller;

import dev.mixserve.api.Deployment;
import dev.mixserve.controller.health.HealthProbe;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs launcher and probe calls off the control loop's thread, so a slow start or a hung replica
 * never stalls the loop; the replica collects the futures on later ticks.
 */
final class Effects {
  private static final System.Logger LOG = System.getLogger(Effects.class.getName());
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final Launcher launcher;
  private final HealthProbe probe;
  private final Executor executor;

  Effects(Launcher launcher, HealthProbe probe, Executor executor) {
    this.launcher = launcher;
    this.probe = probe;
    this.executor = executor;
  }

  CompletableFuture<Launcher.Started> start(ReplicaSpec spec) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return launcher.start(spec);
          } catch (Launcher.LaunchException e) {
            throw new CompletionException(e);
          }
        },
        executor);
  }

  CompletableFuture<Boolean> ready(Launcher.Started started) {
    return CompletableFuture.supplyAsync(started::ready, executor).exceptionally(e -> false);
  }

  /** Stops whatever this start produced, once it produced it; a failed start needs no stop. */
  CompletableFuture<Void> stop(CompletableFuture<Launcher.Started> start, Duration grace) {
    if (start == null) {
      return DONE;
    }
    return start
        .handle((started, failure) -> started)
        .thenCompose(
            s -> s == null ? DONE : CompletableFuture.runAsync(() -> s.stop(grace), executor))
        .exceptionally(
            e -> {
              LOG.log(System.Logger.Level.WARNING, "stopping a replica failed", e);
              return null;
            });
  }

  CompletableFuture<HealthProbe.Result> check(URI endpoint, Deployment d, Duration timeout) {
    return CompletableFuture.supplyAsync(() -> probe.check(endpoint, d, timeout), executor)
        .exceptionally(e -> HealthProbe.Result.failed(String.valueOf(e.getCause())));
  }
}
