package dev.mixserve.scheduler;

import static dev.mixserve.api.Vendor.NVIDIA;
import static dev.mixserve.scheduler.Fx.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Running replicas stay where they are unless told to rebalance. */
class StabilityTest {
  static final List<dev.mixserve.api.Node> TWO =
      List.of(node("a", gpu(NVIDIA, "sm_90", 80, 0)), node("b", gpu(NVIDIA, "sm_90", 80, 0)));
  static final List<Deployment> DEPS = List.of(dep("x", 300, 2));

  static Assignment on(String node, int replica) {
    var acc = TWO.stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow();
    return new Assignment(
        "x", replica, node, new Target.Gpu(acc.accelerators().getFirst(), 300, 0));
  }

  @Test
  void keepsReplicasWherePackWouldNotPutThem() {
    var current = List.of(on("b", 0), on("a", 1));
    var plan = Scheduler.plan(TWO, DEPS, current, ScheduleOptions.DEFAULT);
    assertThat(where(plan, "x", 0)).isEqualTo("b/nvidia#0");
    assertThat(where(plan, "x", 1)).isEqualTo("a/nvidia#0");
  }

  @Test
  void rebalanceMovesThem() {
    var current = List.of(on("b", 0), on("a", 1));
    var plan = Scheduler.plan(TWO, DEPS, current, ScheduleOptions.DEFAULT.withRebalance(true));
    assertThat(where(plan, "x", 0)).isEqualTo("a/nvidia#0");
    assertThat(where(plan, "x", 1)).isEqualTo("a/nvidia#0");
  }

  @Test
  void replacesReplicasWhoseNodeIsGone() {
    var plan = Scheduler.plan(TWO, DEPS, List.of(on("b", 0)), ScheduleOptions.DEFAULT);
    var onlyA = List.of(TWO.getFirst());
    var next = Scheduler.plan(onlyA, DEPS, plan.assignments(), ScheduleOptions.DEFAULT);
    assertThat(where(next, "x", 0)).isEqualTo("a/nvidia#0");
    assertThat(next.refusals()).isEmpty();
  }

  @Test
  void dropsReplicasBeyondTheCountAndIsIdempotent() {
    var first = Scheduler.plan(TWO, List.of(dep("x", 300, 3)), List.of(), ScheduleOptions.DEFAULT);
    var again = Scheduler.plan(TWO, DEPS, first.assignments(), ScheduleOptions.DEFAULT);
    assertThat(again.assignments()).hasSize(2);
    var same = Scheduler.plan(TWO, DEPS, again.assignments(), ScheduleOptions.DEFAULT);
    assertThat(same).isEqualTo(again);
  }

  @Test
  void spreadPutsReplicasOnDifferentNodes() {
    var spread = ScheduleOptions.DEFAULT.withStrategy(Strategy.SPREAD);
    var plan = Scheduler.plan(TWO, DEPS, List.of(), spread);
    assertThat(where(plan, "x", 0)).isNotEqualTo(where(plan, "x", 1));
  }
}
