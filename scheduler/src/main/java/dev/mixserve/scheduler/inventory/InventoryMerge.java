package dev.mixserve.scheduler.inventory;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.scheduler.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges the detected local node into the declared ones. Detected facts win: a config can be stale
 * or wrong, the driver cannot. Facts detection could not learn (an arch the tools did not name, a
 * label) come from the config.
 */
public final class InventoryMerge {
  private InventoryMerge() {}

  public static Merged merge(List<Node> declared, Node detected) {
    var findings = new ArrayList<Finding>();
    var nodes = new ArrayList<Node>();
    boolean found = false;
    for (Node n : declared) {
      if (n.name().equals(detected.name())) {
        found = true;
        nodes.add(mergeNode(n, detected, findings));
      } else {
        nodes.add(n);
      }
    }
    if (!found) {
      findings.add(new Finding(detected.name(), "not in the config; using what was detected"));
      nodes.add(detected);
    }
    return new Merged(nodes, findings);
  }

  private static Node mergeNode(Node declared, Node detected, List<Finding> findings) {
    var accelerators = new ArrayList<Accelerator>();
    for (Accelerator d : detected.accelerators()) {
      Optional<Accelerator> twin = twin(declared, d);
      if (twin.isEmpty()) {
        findings.add(
            new Finding(declared.name(), name(d) + ": detected but not declared; adding it"));
      }
      accelerators.add(
          twin.map(t -> AcceleratorDiff.merge(declared.name(), t, d, findings)).orElse(d));
    }
    for (Accelerator t : declared.accelerators()) {
      if (twin(detected, t).isEmpty()) {
        findings.add(
            new Finding(declared.name(), name(t) + ": declared but not detected; dropping it"));
      }
    }
    return new Node(declared.name(), declared.address(), declared.labels(), accelerators);
  }

  private static Optional<Accelerator> twin(Node n, Accelerator a) {
    return n.accelerators().stream()
        .filter(x -> x.vendor() == a.vendor() && x.index() == a.index())
        .findFirst();
  }

  static String name(Accelerator a) {
    return Bytes.kind(a) + " #" + a.index();
  }
}
