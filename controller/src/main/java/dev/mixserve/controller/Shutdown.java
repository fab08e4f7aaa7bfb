package dev.mixserve.controller;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Drains every replica when the controller closes and waits, bounded, until they stopped. */
final class Shutdown {
  private static final System.Logger LOG = System.getLogger(Controller.class.getName());

  /** Time for the stops themselves after the drain; a process's default stop timeout. */
  private static final Duration STOP_ALLOWANCE = Duration.ofSeconds(10);

  private Shutdown() {}

  /** Then publishes, under the same lock, so the pools and views show what is left. */
  static void drain(
      Map<String, DeploymentState> deployments,
      InstantSource clock,
      Duration drain,
      ReentrantLock ticking,
      Runnable publish) {
    try {
      if (!ticking.tryLock(drain.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(Level.ERROR, "control loop hung; replicas are left as they are");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      deployments.values().forEach(s -> s.closeAll(clock.instant(), drain));
      waitStopped(deployments, clock, System.nanoTime() + drain.plus(STOP_ALLOWANCE).toNanos());
      publish.run();
    } finally {
      ticking.unlock();
    }
  }

  private static void waitStopped(
      Map<String, DeploymentState> deployments, InstantSource clock, long deadline) {
    while (true) {
      deployments.values().forEach(s -> s.advance(clock.instant()));
      deployments.values().removeIf(DeploymentState::gone);
      if (deployments.isEmpty()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        LOG.log(Level.WARNING, "replicas still stopping at shutdown: {0}", deployments.keySet());
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
