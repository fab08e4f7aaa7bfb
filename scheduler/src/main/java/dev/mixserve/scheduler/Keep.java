package dev.mixserve.scheduler;

import dev.mixserve.api.Deployment;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps replicas where they run: a move restarts a model, which can take minutes. A replica stays
 * when its deployment still wants it, its device still exists, still meets the constraints and
 * still has room under the deployment's current resources; otherwise it is placed afresh.
 */
final class Keep {
  private Keep() {}

  static String key(String deployment, int replica) {
    return deployment + "#" + replica;
  }

  /** Books the replicas that stay into {@code p} and returns their keys. */
  static Set<String> apply(Placer p, Fit fit, List<Deployment> deployments, List<Assignment> cur) {
    var index = new HashMap<String, Integer>();
    for (int i = 0; i < deployments.size(); i++) {
      index.put(deployments.get(i).name(), i);
    }
    var kept = new HashSet<String>();
    cur.stream()
        .filter(a -> index.containsKey(a.deployment()))
        .sorted(
            Comparator.<Assignment>comparingInt(a -> index.get(a.deployment()))
                .thenComparingInt(Assignment::replica))
        .forEach(
            a -> {
              int dep = index.get(a.deployment());
              if (!kept.contains(key(a.deployment(), a.replica()))
                  && keepOne(p, fit, dep, deployments.get(dep), a)) {
                kept.add(key(a.deployment(), a.replica()));
              }
            });
    return kept;
  }

  private static boolean keepOne(Placer p, Fit fit, int dep, Deployment d, Assignment a) {
    int node = p.ledger.nodeIndex(a.node());
    if (a.replica() >= d.replicas() || node < 0) {
      return false;
    }
    return switch (a.target()) {
      case Target.Cpu c -> {
        boolean ok = d.resources().milliGpu() == 0 && contains(fit.nodes(d.placement()), node);
        if (ok) {
          p.takeCpu(dep, a.replica(), d, node);
        }
        yield ok;
      }
      case Target.Gpu g -> {
        int slot = p.ledger.slot(node, g.accelerator().vendor(), g.accelerator().index());
        boolean ok =
            d.resources().milliGpu() > 0
                && slot >= 0
                && contains(fit.slots(d.placement()), slot)
                && p.ledger.fits(d.resources(), slot);
        if (ok) {
          p.takeGpu(dep, a.replica(), d, slot);
        }
        yield ok;
      }
    };
  }

  private static boolean contains(int[] values, int v) {
    for (int x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
