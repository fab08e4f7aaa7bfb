package dev.mixserve.scheduler;

import dev.mixserve.api.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the winning attempt into a {@link Plan}: sorted assignments, explained refusals. */
final class Outcome {
  private Outcome() {}

  static Plan plan(Placer p, List<Deployment> deployments) {
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
        .thenComparingInt(Outcome::deviceOrder)
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
