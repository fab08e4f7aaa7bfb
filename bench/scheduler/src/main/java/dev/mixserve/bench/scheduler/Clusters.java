package dev.mixserve.bench.scheduler;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Node;
import dev.mixserve.api.Placement;
import dev.mixserve.api.Resources;
import dev.mixserve.api.Task;
import dev.mixserve.api.Vendor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Random clusters and deployments for the benchmark. */
final class Clusters {
  static final long GIB = 1L << 30;
  static final Vendor[] GPU_VENDORS = {Vendor.NVIDIA, Vendor.AMD, Vendor.INTEL};
  static final String[] ARCH = {"sm_90", "gfx942", "xe-hpc"};

  private Clusters() {}

  /** Nodes of {@code perNode} GPUs, one vendor per node, memory 16..80 GiB. */
  static List<Node> nodes(Random rnd, int count, int perNode) {
    var out = new ArrayList<Node>();
    for (int n = 0; n < count; n++) {
      int v = rnd.nextInt(GPU_VENDORS.length);
      long mem = (16L + 16L * rnd.nextInt(5)) * GIB;
      var accs = new ArrayList<Accelerator>();
      for (int i = 0; i < perNode; i++) {
        accs.add(new Accelerator(GPU_VENDORS[v], "gpu", ARCH[v], mem, false, i));
      }
      out.add(new Node("node" + n, "", Map.of("zone", "z" + (n % 4)), accs));
    }
    return out;
  }

  static Deployment deployment(String name, int milli, long memory, Placement p, int replicas) {
    return new Deployment(
        name,
        "/" + name,
        Task.CHAT,
        new EngineSpec("echo", "", Map.of()),
        new Resources(milli, memory, 0),
        p,
        replicas,
        null,
        null,
        null,
        null);
  }

  static Placement vendor(Vendor v) {
    return new Placement(Optional.empty(), Optional.of(v), Optional.empty(), Map.of(), 0);
  }

  static Placement any(Random rnd) {
    return switch (rnd.nextInt(10)) {
      case 0, 1 -> vendor(GPU_VENDORS[rnd.nextInt(3)]);
      case 2 ->
          new Placement(
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Map.of("zone", "z" + rnd.nextInt(4)),
              0);
      case 3 ->
          new Placement(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), 48 * GIB);
      default -> Placement.ANY;
    };
  }
}
