package dev.mixserve.scheduler;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Places replicas on shares of accelerators: a pure function of the inventory, the deployments and
 * the current placement. Integer milli-GPU and bytes only, so shares add up exactly.
 */
public final class Scheduler {
  /**
   * Candidate checks the shuffled retries may spend in all: about a millisecond. Small problems get
   * all of them; 10,000 replicas on 1,000 GPUs get none and stay within their time budget.
   */
  static final long SHUFFLE_WORK = 2_000_000;

  private Scheduler() {}

  private static List<Comparator<Request>> orders() {
    var all = new ArrayList<>(Request.ORDERS);
    all.addAll(Request.SHUFFLES);
    return all;
  }

  public static Plan plan(
      List<Node> nodes,
      List<Deployment> deployments,
      List<Assignment> current,
      ScheduleOptions options) {
    var ledger = new Ledger(nodes);
    var fit = new Fit(ledger);
    var choice = new Choice(options.strategy(), ledger.nodeIndex(options.localNode().orElse("")));
    var base = new Placer(ledger, choice, deployments.size());
    Set<String> kept = options.rebalance() ? Set.of() : Keep.apply(base, fit, deployments, current);
    List<Request> pending = pending(deployments, fit, kept);
    Placer best = null;
    long cost = pending.stream().mapToLong(r -> r.candidates().length).sum();
    long extra = 0;
    for (Comparator<Request> order : orders()) {
      boolean shuffle = Request.SHUFFLES.contains(order);
      if (shuffle && (extra += cost) > SHUFFLE_WORK) {
        break;
      }
      Placer attempt = base.copy();
      attempt.placeAll(pending.stream().sorted(order).toList());
      if (best == null || attempt.refused.size() < best.refused.size()) {
        best = attempt;
      }
      if (best.refused.isEmpty()) {
        break; // nothing to gain from another order
      }
    }
    return Outcome.plan(best, deployments);
  }

  private static List<Request> pending(List<Deployment> deployments, Fit fit, Set<String> kept) {
    var out = new ArrayList<Request>();
    for (int i = 0; i < deployments.size(); i++) {
      Deployment d = deployments.get(i);
      int[] candidates =
          d.resources().milliGpu() == 0 ? fit.nodes(d.placement()) : fit.slots(d.placement());
      for (int r = 0; r < d.replicas(); r++) {
        if (!kept.contains(Keep.key(d.name(), r))) {
          out.add(new Request(i, r, d, candidates));
        }
      }
    }
    return out;
  }
}
