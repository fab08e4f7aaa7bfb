package dev.mixserve.bench.scheduler;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The most replicas any placement can fit: every replica tries every GPU or stays out. Written
 * apart from the scheduler (same rules: share, memory budget, vendor, min memory) so that a bug in
 * one does not hide in the other.
 */
final class Exhaustive {
  private Exhaustive() {}

  static int maxPlaced(List<Node> nodes, List<Deployment> deps) {
    var gpus = new ArrayList<Accelerator>();
    nodes.forEach(n -> gpus.addAll(n.accelerators()));
    var replicas = new ArrayList<Deployment>();
    deps.forEach(
        d -> {
          for (int r = 0; r < d.replicas(); r++) replicas.add(d);
        });
    int[] milli = new int[gpus.size()];
    long[] mem = new long[gpus.size()];
    return search(0, replicas, gpus, milli, mem, 0, new int[] {0});
  }

  private static int search(
      int i,
      List<Deployment> reps,
      List<Accelerator> gpus,
      int[] milli,
      long[] mem,
      int placed,
      int[] best) {
    if (placed + (reps.size() - i) <= best[0]) {
      return best[0]; // cannot beat what is known
    }
    if (i == reps.size()) {
      best[0] = placed;
      return placed;
    }
    Deployment d = reps.get(i);
    for (int g = 0; g < gpus.size(); g++) {
      Accelerator a = gpus.get(g);
      long budget =
          d.resources().memoryBytes() > 0
              ? d.resources().memoryBytes()
              : d.resources().milliGpu() * a.memoryBytes() / 1000;
      boolean ok =
          d.placement().vendor().map(v -> v == a.vendor()).orElse(true)
              && a.memoryBytes() >= d.placement().minMemoryBytes()
              && milli[g] + d.resources().milliGpu() <= 1000
              && mem[g] + budget <= a.memoryBytes();
      if (ok) {
        milli[g] += d.resources().milliGpu();
        mem[g] += budget;
        search(i + 1, reps, gpus, milli, mem, placed + 1, best);
        milli[g] -= d.resources().milliGpu();
        mem[g] -= budget;
      }
    }
    search(i + 1, reps, gpus, milli, mem, placed, best);
    return best[0];
  }
}
