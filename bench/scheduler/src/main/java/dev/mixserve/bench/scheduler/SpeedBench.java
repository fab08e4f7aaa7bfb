package dev.mixserve.bench.scheduler;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import dev.mixserve.scheduler.Strategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * 10,000 replicas (500 deployments x 20) on 1,000 GPUs (125 nodes x 8), both strategies, twice:
 * asking for about 75% of the cluster (everything fits) and about 145% (a fifth is refused, each
 * with its reasons, and every retry order runs).
 */
final class SpeedBench {
  /**
   * Thread CPU time beside wall time: on a shared machine wall time also counts waiting for a core,
   * which is not the scheduler's cost.
   */
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private SpeedBench() {}

  static void run(long seed) {
    var rnd = new Random(seed);
    var nodes = Clusters.nodes(rnd, 125, 8);
    for (int[] shares : new int[][] {{25, 50, 75, 100, 125}, {50, 100, 125, 200, 250}}) {
      var deps = new ArrayList<Deployment>();
      for (int d = 0; d < 500; d++) {
        long mem = rnd.nextInt(4) == 0 ? (1L + rnd.nextInt(4)) * Clusters.GIB : 0;
        int share = shares[rnd.nextInt(shares.length)];
        deps.add(Clusters.deployment("d" + d, share, mem, Clusters.any(rnd), 20));
      }
      for (Strategy s : Strategy.values()) {
        measure(nodes, deps, ScheduleOptions.DEFAULT.withStrategy(s));
      }
    }
  }

  private static void measure(List<Node> nodes, List<Deployment> deps, ScheduleOptions options) {
    long[] ns = new long[40];
    long[] cpu = new long[ns.length];
    Plan plan = null;
    for (int i = 0; i < ns.length; i++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      plan = Scheduler.plan(nodes, deps, List.of(), options);
      ns[i] = System.nanoTime() - t0;
      cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
    }
    long first = ns[0];
    Arrays.sort(ns);
    Arrays.sort(cpu);
    long t0 = System.nanoTime();
    var again = Scheduler.plan(nodes, deps, plan.assignments(), options);
    long replan = System.nanoTime() - t0;
    int asked = deps.stream().mapToInt(d -> d.resources().milliGpu() * d.replicas()).sum();
    System.out.printf(
        "speed %-6s demand %3d%%: median %5.1f ms CPU, %5.1f ms wall (p90 %5.1f, first run %6.1f);"
            + " placed %d, refused %d; replan keeping them %.1f ms wall, %s%n",
        options.strategy().id(),
        asked / 10_000,
        cpu[cpu.length / 2] / 1e6,
        ns[ns.length / 2] / 1e6,
        ns[ns.length * 9 / 10] / 1e6,
        first / 1e6,
        plan.assignments().size(),
        plan.refusals().size(),
        replan / 1e6,
        again.assignments().equals(plan.assignments()) ? "identical" : "DIFFERENT");
  }
}
