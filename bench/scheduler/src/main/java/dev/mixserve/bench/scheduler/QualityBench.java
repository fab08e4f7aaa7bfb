package dev.mixserve.bench.scheduler;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import dev.mixserve.api.Placement;
import dev.mixserve.api.Vendor;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small random cases: replicas placed by the scheduler against the most exhaustive search finds.
 */
final class QualityBench {
  private QualityBench() {}

  static void run(int cases, long seed) {
    var rnd = new Random(seed);
    int same = 0;
    int tight = 0;
    long greedyTotal = 0;
    long bestTotal = 0;
    for (int c = 0; c < cases; c++) {
      var nodes = nodes(rnd);
      var deps = deployments(rnd);
      int greedy =
          Scheduler.plan(nodes, deps, List.of(), ScheduleOptions.DEFAULT).assignments().size();
      int best = Exhaustive.maxPlaced(nodes, deps);
      if (greedy > best) {
        throw new IllegalStateException("greedy beat exhaustive search: a bug in one of them");
      }
      same += greedy == best ? 1 : 0;
      tight += best < deps.stream().mapToInt(Deployment::replicas).sum() ? 1 : 0;
      greedyTotal += greedy;
      bestTotal += best;
    }
    System.out.printf(
        "quality: %d random cases (%d where not everything fits): as many replicas as exhaustive"
            + " search in %.2f%% (goal >= 99%%); %d of %d replicas placed overall%n",
        cases, tight, 100.0 * same / cases, greedyTotal, bestTotal);
  }

  /** 1-3 nodes with 1-2 GPUs each; memory 8..48 GiB; vendors mixed. */
  private static List<Node> nodes(Random rnd) {
    var out = new ArrayList<Node>();
    for (int n = 0, count = 1 + rnd.nextInt(3); n < count; n++) {
      var accs = new ArrayList<Accelerator>();
      for (int i = 0, k = 1 + rnd.nextInt(2); i < k; i++) {
        Vendor v = Clusters.GPU_VENDORS[rnd.nextInt(2)];
        accs.add(
            new Accelerator(v, "gpu", "", (8L + 8L * rnd.nextInt(6)) * Clusters.GIB, false, i));
      }
      out.add(new Node("n" + n, "", Map.of(), accs));
    }
    return out;
  }

  /** 2-4 deployments, 1-3 replicas each, shares 50..1000, some with explicit memory. */
  private static List<Deployment> deployments(Random rnd) {
    var out = new ArrayList<Deployment>();
    for (int d = 0, count = 2 + rnd.nextInt(3); d < count; d++) {
      int milli = 50 * (1 + rnd.nextInt(20));
      long mem = rnd.nextInt(3) == 0 ? (2L + 2L * rnd.nextInt(10)) * Clusters.GIB : 0;
      Placement p =
          rnd.nextInt(4) == 0
              ? Clusters.vendor(Clusters.GPU_VENDORS[rnd.nextInt(2)])
              : Placement.ANY;
      out.add(Clusters.deployment("d" + d, milli, mem, p, 1 + rnd.nextInt(3)));
    }
    return out;
  }
}
