package dev.mixserve.k8s.nodes;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.api.Vendor;
import dev.mixserve.k8s.nodes.NodeFinding.Kind;
import dev.mixserve.scheduler.Bytes;
import dev.mixserve.scheduler.inventory.InventoryMerge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One declared node against its Node. Per vendor the Node counts, its GPUs go through {@link
 * InventoryMerge}, so the cluster wins as detection wins for {@code plan --detect}; a vendor the
 * Node does not count keeps the declared GPUs, because a missing device plugin says nothing about
 * the hardware (DRA drivers publish no resource at all).
 */
final class NodeMerge {
  private NodeMerge() {}

  static Node merge(Node declared, NodeFacts facts, List<NodeFinding> out) {
    var seen = new ArrayList<Accelerator>();
    for (Vendor v : List.of(Vendor.NVIDIA, Vendor.AMD, Vendor.INTEL)) {
      List<Accelerator> mine = ofVendor(declared, v);
      VendorFacts f = facts.vendors().get(v);
      if (f != null && f.counted()) {
        f.gpus().forEach(g -> seen.add(fill(g, twin(mine, g), f)));
      } else {
        seen.addAll(mine);
        if (!mine.isEmpty()) {
          out.add(finding(declared, Kind.NO_GPU_FACTS, silent(v, f)));
        }
      }
    }
    seen.addAll(ofVendor(declared, Vendor.CPU)); // Nodes say nothing of CPUs as devices
    // the declared order, so that an agreeing Node changes nothing, not even the plan's order
    seen.sort(Comparator.comparingInt(a -> position(declared, a)));
    var merged =
        InventoryMerge.merge(
            List.of(declared),
            new Node(declared.name(), declared.address(), declared.labels(), seen));
    merged.findings().forEach(x -> out.add(finding(declared, Kind.DISAGREES, x.message())));
    var node = merged.nodes().getFirst();
    var gpus = node.accelerators().stream().map(a -> estimate(declared, a, facts, out)).toList();
    return new Node(node.name(), node.address(), node.labels(), gpus);
  }

  /**
   * Facts the labels cannot settle come from the declared twin: unified where no table knows the
   * device, and memory where the labels' figure is the declared one rounded.
   */
  static Accelerator fill(Accelerator g, Optional<Accelerator> twin, VendorFacts f) {
    if (twin.isEmpty()) {
      return g;
    }
    Accelerator t = twin.get();
    boolean unified = f.unifiedKnown() ? g.unified() : t.unified();
    long memory = unified && !g.unified() ? 0 : g.memoryBytes();
    if (memory != 0
        && t.memoryBytes() != 0
        && Math.abs(memory - t.memoryBytes()) <= f.tolerance()) {
      memory = t.memoryBytes();
    }
    return new Accelerator(g.vendor(), g.model(), g.arch(), memory, unified, g.index());
  }

  private static Accelerator estimate(
      Node declared, Accelerator a, NodeFacts facts, List<NodeFinding> out) {
    if (a.memoryBytes() != 0 || a.vendor() == Vendor.CPU) {
      return a;
    }
    VendorFacts f = facts.vendors().get(a.vendor());
    String who = Bytes.kind(a) + " #" + a.index() + ": ";
    if (!a.unified() || f == null || f.estimate() == 0) {
      out.add(
          finding(
              declared,
              Kind.NO_GPU_FACTS,
              who + "neither the Node nor the config states its memory; declare it"));
      return a;
    }
    out.add(
        finding(
            declared,
            Kind.ESTIMATED,
            who
                + "unified memory not declared; estimated "
                + Bytes.human(f.estimate())
                + " from the Node; declare it to be exact"));
    return NodeFacts.withMemory(a, f.estimate());
  }

  private static String silent(Vendor v, VendorFacts f) {
    return f == null
        ? "the Node shows no " + v.id() + " GPU resource or labels; keeping the declared ones"
        : "the Node has "
            + v.id()
            + " GPUs ("
            + f.source()
            + ") but does not count them"
            + " (no device plugin?); keeping the declared ones";
  }

  static List<Accelerator> ofVendor(Node n, Vendor v) {
    return n.accelerators().stream().filter(a -> a.vendor() == v).toList();
  }

  private static Optional<Accelerator> twin(List<Accelerator> declared, Accelerator g) {
    return declared.stream().filter(d -> d.index() == g.index()).findFirst();
  }

  private static int position(Node declared, Accelerator a) {
    var all = declared.accelerators();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).vendor() == a.vendor() && all.get(i).index() == a.index()) {
        return i;
      }
    }
    return all.size();
  }

  static NodeFinding finding(Node n, Kind kind, String message) {
    return new NodeFinding(n.name(), kind, message);
  }
}
