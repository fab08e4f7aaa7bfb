package dev.mixserve.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.config.ConfigLoader;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a worker's new pod can load beside its old one: shares and memory of both plans. */
class RoomTest {
  /** One 8 GiB GPU on "gpu", an empty one on "other"; deployments a and b pinned to "gpu". */
  static Plan plan(String a, String b, String memoryA) {
    String text =
        """
        nodes:
          - {name: gpu, accelerators: [{vendor: nvidia, model: T4, arch: sm_75, memory: 8GiB}]}
          - {name: other, accelerators: [{vendor: nvidia, model: T4, arch: sm_75, memory: 8GiB}]}
        deployments:
          - {name: a, task: embedding, engine: {kind: echo}, resources: {gpu: %s%s},
             placement: {node: gpu}}
        """
            .formatted(a, memoryA == null ? "" : ", memory: " + memoryA);
    if (b != null) {
      text +=
          "  - {name: b, task: rerank, engine: {kind: echo}, resources: {gpu: %s}, placement: {node: gpu}}\n"
              .formatted(b);
    }
    var config = ConfigLoader.parse(text, "test");
    return Scheduler.plan(config.nodes(), config.deployments(), List.of(), ScheduleOptions.DEFAULT);
  }

  @Test
  void sharesOfBothPlansMustFitOnEachGpuOfTheNode() {
    record Case(String before, String after, boolean room) {}
    for (var c :
        List.of(
            new Case("0.8", "0.15", true),
            new Case("0.3", "0.7", true), // exactly the whole GPU
            new Case("0.3", "0.75", false),
            new Case("0.5", "0.6", false))) {
      assertThat(Room.forBoth(plan(c.before(), null, null), plan(c.after(), null, null), "gpu"))
          .as(c.before() + " then " + c.after())
          .isEqualTo(c.room());
    }
  }

  @Test
  void everythingTheOldPodHoldsCountsNotOnlyTheChangedDeployment() {
    // a moves from 0.5 to 0.4, but the old pod also holds b's 0.5: 1.4 + 0.5 > 1
    assertThat(Room.forBoth(plan("0.5", "0.5", null), plan("0.4", "0.5", null), "gpu")).isFalse();
    assertThat(Room.forBoth(plan("0.2", "0.2", null), plan("0.3", "0.2", null), "gpu")).isTrue();
  }

  @Test
  void memoryBudgetsOfBothPlansMustFitToo() {
    assertThat(Room.forBoth(plan("0.2", null, "5GiB"), plan("0.3", null, "5GiB"), "gpu"))
        .as("half the shares, but 10 GiB of an 8 GiB GPU")
        .isFalse();
  }

  @Test
  void aNodeThePlanLeavesEmptyHasRoom() {
    assertThat(Room.forBoth(plan("0.8", null, null), plan("0.9", null, null), "other")).isTrue();
  }
}
