package dev.mixserve.scheduler;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import dev.mixserve.api.Placement;
import dev.mixserve.api.Vendor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Random clusters, deployments and current placements from a seed, for property tests. */
record RandomCluster(List<Node> nodes, List<Deployment> deps, List<Assignment> current) {
  private static final String[] ARCHS = {"sm_75", "sm_90", "gfx1151", "gfx1035", "xe-hpg", ""};

  static RandomCluster of(long seed) {
    var rnd = new Random(seed);
    var nodes = new ArrayList<Node>();
    for (int n = 0, count = rnd.nextInt(6); n < count; n++) {
      var accs = new ArrayList<Accelerator>();
      var perVendor = new int[Vendor.values().length];
      for (int a = 0, k = rnd.nextInt(4); a < k; a++) {
        Vendor v = Vendor.values()[rnd.nextInt(Vendor.values().length)];
        long mem = rnd.nextInt(5) == 0 ? 0 : (1L + rnd.nextInt(96)) << 30;
        accs.add(
            new Accelerator(v, "m", pick(rnd), mem, rnd.nextBoolean(), perVendor[v.ordinal()]++));
      }
      nodes.add(new Node("n" + n, "", Map.of("zone", "z" + rnd.nextInt(2)), accs));
    }
    var deps = new ArrayList<Deployment>();
    for (int d = 0, count = 1 + rnd.nextInt(8); d < count; d++) {
      int milli = rnd.nextInt(6) == 0 ? 0 : 1 + rnd.nextInt(1000);
      long mem = rnd.nextInt(3) == 0 ? (1L + rnd.nextInt(48)) << 30 : 0;
      deps.add(Fx.dep("d" + d, milli, mem, placement(rnd, nodes.size()), rnd.nextInt(5)));
    }
    return new RandomCluster(nodes, deps, current(rnd, nodes, deps));
  }

  private static String pick(Random rnd) {
    return ARCHS[rnd.nextInt(ARCHS.length)];
  }

  private static Placement placement(Random rnd, int nodes) {
    return new Placement(
        rnd.nextInt(5) == 0 && nodes > 0 ? Optional.of("n" + rnd.nextInt(nodes)) : Optional.empty(),
        rnd.nextInt(4) == 0 ? Optional.of(Vendor.values()[rnd.nextInt(4)]) : Optional.empty(),
        rnd.nextInt(6) == 0 ? Optional.of(pick(rnd)) : Optional.empty(),
        rnd.nextInt(6) == 0 ? Map.of("zone", "z" + rnd.nextInt(2)) : Map.of(),
        rnd.nextInt(6) == 0 ? (long) rnd.nextInt(64) << 30 : 0);
  }

  /** Arbitrary claims, valid or not: the scheduler must keep only what still fits. */
  private static List<Assignment> current(Random rnd, List<Node> nodes, List<Deployment> deps) {
    var out = new ArrayList<Assignment>();
    for (int i = 0, k = nodes.isEmpty() ? 0 : rnd.nextInt(8); i < k; i++) {
      Node n = nodes.get(rnd.nextInt(nodes.size()));
      Deployment d = deps.get(rnd.nextInt(deps.size()));
      var gpus = n.accelerators().stream().filter(a -> a.vendor() != Vendor.CPU).toList();
      Target t =
          gpus.isEmpty() || rnd.nextBoolean()
              ? new Target.Cpu()
              : new Target.Gpu(gpus.get(rnd.nextInt(gpus.size())), 1 + rnd.nextInt(1000), 0);
      out.add(new Assignment(d.name(), rnd.nextInt(4), n.name(), t));
    }
    return out;
  }
}
