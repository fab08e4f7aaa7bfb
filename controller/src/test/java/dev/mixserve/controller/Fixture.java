package dev.mixserve.controller;

import dev.mixserve.api.Autoscaling;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.HealthCheck;
import dev.mixserve.api.ProcessSpec;
import dev.mixserve.api.Task;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.scheduler.device.LaunchHints;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A controller on a fake launcher, fake probe and test clock; side effects finish in the tick. */
class Fixture {
  static final RestartPolicy POLICY =
      new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 2);
  static final ProcessSpec PROCESS =
      new ProcessSpec(
          List.of("fake-engine"), null, null, "", Duration.ofSeconds(60), Duration.ZERO);
  static final HealthCheck HEALTH =
      new HealthCheck(Duration.ofSeconds(10), Duration.ofSeconds(1), 2);

  final FakeLauncher launcher = new FakeLauncher();
  final FakeProbe probe = new FakeProbe();
  final TestClock clock = new TestClock();
  final Metrics metrics = new Metrics();
  Controller controller = controller(Controller.Hooks.NONE);

  Controller controller(Controller.Hooks hooks) {
    return new Controller(
        launcher, probe, POLICY, metrics, clock, Duration.ofMillis(250), hooks, Runnable::run);
  }

  static Deployment deployment(String name, int replicas) {
    return deployment(name, replicas, null, "v1");
  }

  static Deployment deployment(String name, int replicas, Autoscaling scaling, String version) {
    return new Deployment(
        name,
        "/" + name,
        Task.EMBEDDING,
        new EngineSpec("echo", version, Map.of()),
        null,
        null,
        replicas,
        null,
        null,
        null,
        null,
        PROCESS,
        scaling,
        HEALTH);
  }

  void apply(Deployment... deployments) {
    controller.apply(
        List.of(deployments),
        null,
        d -> new LaunchHints(Map.of("CUDA_VISIBLE_DEVICES", ""), List.of()));
  }

  void tick(int times) {
    for (int i = 0; i < times; i++) {
      controller.tickOnce();
    }
  }

  /** Ticks until the condition holds, at most 20 times, without moving the clock. */
  void tickUntil(BooleanSupplier condition) {
    for (int i = 0; i < 20 && !condition.getAsBoolean(); i++) {
      controller.tickOnce();
    }
    if (!condition.getAsBoolean()) {
      throw new AssertionError("still not there after 20 ticks: " + controller.replicas());
    }
  }

  /** Its state, or null while it does not exist. */
  ReplicaState state(String id) {
    return controller.replicas().stream()
        .filter(v -> v.id().equals(id))
        .map(ReplicaView::state)
        .findFirst()
        .orElse(null);
  }

  ReplicaView view(String id) {
    return controller.replicas().stream()
        .filter(v -> v.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no replica " + id + " in " + controller.replicas()));
  }

  boolean gone(String id) {
    return controller.replicas().stream().noneMatch(v -> v.id().equals(id));
  }

  List<String> members(String deployment) {
    return controller.pool(deployment).snapshot().members().stream().map(Member::id).toList();
  }

  /**
   * One sample line of the scrape, e.g. {@code mixserve_replicas{deployment="a",state="running"}}.
   */
  double metric(String series) {
    return metrics
        .scrape()
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }
}
