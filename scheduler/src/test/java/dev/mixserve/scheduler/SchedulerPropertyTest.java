package dev.mixserve.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import java.util.HashMap;
import java.util.HashSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Properties over thousands of seeded random clusters. Plain JUnit with a seeded generator rather
 * than jqwik: the jqwik engine prints a request that AI agents not use it, and this code is written
 * with one. A failure names its seed; RandomCluster.of(seed) reproduces it.
 */
class SchedulerPropertyTest {
  static final int CASES = 2_000;

  @Test
  void neverOversubscribesAndExplainsEveryRefusal() {
    LongStream.range(0, CASES).forEach(SchedulerPropertyTest::check);
  }

  static void check(long seed) {
    var c = RandomCluster.of(seed);
    for (var options : options(seed)) {
      Plan plan = Scheduler.plan(c.nodes(), c.deps(), c.current(), options);
      String why = "seed " + seed + " " + options;
      assertThat(Scheduler.plan(c.nodes(), c.deps(), c.current(), options)).as(why).isEqualTo(plan);
      noOversubscription(plan, why);
      everyReplicaAccountedFor(c, plan, why);
      constraintsHold(c, plan, why);
    }
  }

  static ScheduleOptions[] options(long seed) {
    var strategy = seed % 2 == 0 ? Strategy.PACK : Strategy.SPREAD;
    var base = ScheduleOptions.DEFAULT.withStrategy(strategy);
    return new ScheduleOptions[] {base, base.withRebalance(true)};
  }

  static void noOversubscription(Plan plan, String why) {
    var milli = new HashMap<String, Integer>();
    var memory = new HashMap<String, Long>();
    for (Assignment a : plan.assignments()) {
      if (a.target() instanceof Target.Gpu g) {
        String key = a.node() + "/" + g.accelerator().vendor() + g.accelerator().index();
        milli.merge(key, g.milliGpu(), Integer::sum);
        memory.merge(key, g.memoryBytes(), Long::sum);
        assertThat(milli.get(key)).as(why).isLessThanOrEqualTo(1000);
        assertThat(memory.get(key)).as(why).isLessThanOrEqualTo(g.accelerator().memoryBytes());
      }
    }
    for (Usage u : plan.usage()) {
      assertThat(u.freeMilliGpu()).as(why).isBetween(0, 1000);
      assertThat(u.freeMemoryBytes()).as(why).isNotNegative();
    }
  }

  static void everyReplicaAccountedFor(RandomCluster c, Plan plan, String why) {
    var seen = new HashSet<String>();
    plan.assignments()
        .forEach(a -> assertThat(seen.add(a.deployment() + "#" + a.replica())).as(why).isTrue());
    for (Refusal r : plan.refusals()) {
      assertThat(seen.add(r.deployment() + "#" + r.replica())).as(why).isTrue();
      assertThat(r.reasons()).as(why).hasSize(Math.max(1, c.nodes().size()));
      assertThat(r.reasons()).as(why).allSatisfy(s -> assertThat(s).isNotBlank());
    }
    int wanted = c.deps().stream().mapToInt(Deployment::replicas).sum();
    assertThat(seen).as(why).hasSize(wanted);
  }

  static void constraintsHold(RandomCluster c, Plan plan, String why) {
    for (Assignment a : plan.assignments()) {
      Deployment d =
          c.deps().stream().filter(x -> x.name().equals(a.deployment())).findFirst().orElseThrow();
      Node n = c.nodes().stream().filter(x -> x.name().equals(a.node())).findFirst().orElseThrow();
      assertThat(Fit.node(d.placement(), n)).as(why).isTrue();
      assertThat(a.milliGpu()).as(why).isEqualTo(d.resources().milliGpu());
      if (a.target() instanceof Target.Gpu g) {
        assertThat(Fit.gpu(d.placement(), g.accelerator())).as(why).isTrue();
        assertThat(n.accelerators()).as(why).contains(g.accelerator());
      }
    }
  }
}
