package dev.mixserve.scheduler;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places replicas on shares of accelerators: a pure function of the inventory, the deployments and
 * the current placement. Integer milli-GPU and bytes only, so shares add up exactly.
 */
public final class Scheduler {
  private Scheduler() {}

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
    for (Comparator<Request> order : Request.ORDERS) {
      Placer attempt = base.copy();
      attempt.placeAll(pending.stream().sorted(order).toList());
      if (best == null || attempt.refused.size() < best.refused.size()) {
        best = attempt;
      }
    }
    return finish(best, deployments);
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

  private static Plan finish(Placer p, List<Deployment> deployments) {
    var order = new HashMap<String, Integer>();
    for (int i = 0; i < deployments.size(); i++) {
      order.put(deployments.get(i).name(), i);
    }
    var assignments = new ArrayList<>(p.placed);
    assignments.sort(byPlace(p.ledger, order));
    var reasons = new HashMap<Integer, List<String>>();
    var refusals =
        p.refused.stream()
            .sorted(Comparator.comparingInt(Request::dep).thenComparingInt(Request::replica))
            .map(r -> refusal(r, reasons, p.ledger))
            .toList();
    return new Plan(assignments, refusals, p.ledger.usage());
  }

  /** Reasons are the same for every refused replica of a deployment, so build them once. */
  private static Refusal refusal(Request r, Map<Integer, List<String>> cache, Ledger l) {
    List<String> why = cache.computeIfAbsent(r.dep(), k -> Explain.reasons(r.deployment(), l));
    return new Refusal(r.deployment().name(), r.replica(), Explain.needs(r.deployment()), why);
  }

  private static Comparator<Assignment> byPlace(Ledger l, Map<String, Integer> order) {
    var nodeOrder = new HashMap<String, Integer>();
    for (int n = 0; n < l.nodes.size(); n++) {
      nodeOrder.put(l.nodes.get(n).name(), n);
    }
    return Comparator.<Assignment>comparingInt(a -> nodeOrder.get(a.node()))
        .thenComparingInt(Scheduler::deviceOrder)
        .thenComparingInt(a -> order.get(a.deployment()))
        .thenComparingInt(Assignment::replica);
  }

  private static int deviceOrder(Assignment a) {
    return switch (a.target()) {
      case Target.Gpu g -> g.accelerator().vendor().ordinal() * 100_000 + g.accelerator().index();
      case Target.Cpu c -> Integer.MAX_VALUE;
    };
  }
}
