package dev.mixserve.scheduler;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import dev.mixserve.api.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Says why a replica fits on no node, one line per node, against the final books. */
final class Explain {
  private Explain() {}

  static String needs(Deployment d) {
    var r = d.resources();
    var p = d.placement();
    var sb = new StringBuilder(d.route()).append(" needs ");
    sb.append(r.milliGpu() == 0 ? "a CPU node" : r.milliGpu() + " milli-GPU");
    if (r.memoryBytes() > 0) {
      sb.append(" and ").append(Bytes.human(r.memoryBytes()));
    }
    p.node().ifPresent(n -> sb.append(" on node ").append(n));
    p.vendor().ifPresent(v -> sb.append(" on ").append(v.id()));
    p.arch().ifPresent(a -> sb.append(" ").append(a));
    p.labels().forEach((k, v) -> sb.append(" with label ").append(k).append('=').append(v));
    if (p.minMemoryBytes() > 0) {
      sb.append(" with at least ").append(Bytes.human(p.minMemoryBytes()));
    }
    return sb.toString();
  }

  static List<String> reasons(Deployment d, Ledger l) {
    var out = new ArrayList<String>();
    for (int n = 0; n < l.nodes.size(); n++) {
      out.add(l.nodes.get(n).name() + ": " + why(d, l, n));
    }
    return out.isEmpty() ? List.of("no nodes in the inventory") : List.copyOf(out);
  }

  private static String why(Deployment d, Ledger l, int n) {
    Placement p = d.placement();
    Node node = l.nodes.get(n);
    if (p.node().isPresent() && !p.node().get().equals(node.name())) {
      return "not node " + p.node().get();
    }
    for (Map.Entry<String, String> e : p.labels().entrySet()) {
      if (!e.getValue().equals(node.labels().get(e.getKey()))) {
        return "no label " + e.getKey() + "=" + e.getValue();
      }
    }
    if (d.resources().milliGpu() == 0) {
      return "has no " + p.vendor().map(v -> v.id() + " ").orElse("") + p.arch().orElse("device");
    }
    var lines = new ArrayList<String>();
    for (int s = l.firstSlot[n]; s < l.firstSlot[n + 1]; s++) {
      lines.add(slot(d, l, s));
    }
    if (lines.isEmpty()) {
      return "no GPU";
    }
    return lines.size() == 1 ? lines.getFirst() : String.join("; ", lines);
  }

  private static String slot(Deployment d, Ledger l, int s) {
    Accelerator a = l.acc[s];
    Placement p = d.placement();
    String name = l.slotName(s);
    if (p.vendor().isPresent() && p.vendor().get() != a.vendor()) {
      return name + ", needs " + p.vendor().get().id();
    }
    if (p.arch().isPresent() && !p.arch().get().equals(a.arch())) {
      return name + ", needs " + p.arch().get();
    }
    if (a.memoryBytes() < p.minMemoryBytes()) {
      return name
          + " with "
          + Bytes.human(a.memoryBytes())
          + ", needs at least "
          + Bytes.human(p.minMemoryBytes());
    }
    int milli = d.resources().milliGpu();
    if (l.freeMilli[s] < milli) {
      return name + ", " + l.freeMilli[s] + " milli-GPU free, needs " + milli;
    }
    long budget = l.budget(d.resources(), s);
    if (l.freeMem[s] < budget) {
      return name + ", " + Bytes.human(l.freeMem[s]) + " free, needs " + Bytes.human(budget);
    }
    return name + ", fits now but was taken while this replica was tried";
  }
}
