package dev.mixserve.scheduler;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.api.Placement;
import dev.mixserve.api.Vendor;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Which slots and nodes meet a deployment's placement constraints, ignoring free capacity. Cached
 * per placement, since many deployments share one (usually {@link Placement#ANY}).
 */
final class Fit {
  private final Ledger ledger;
  private final Map<Placement, int[]> slots = new HashMap<>();
  private final Map<Placement, int[]> nodes = new HashMap<>();

  Fit(Ledger ledger) {
    this.ledger = ledger;
  }

  int[] slots(Placement p) {
    return slots.computeIfAbsent(
        p,
        k ->
            IntStream.range(0, ledger.slots())
                .filter(s -> node(k, ledger.nodes.get(ledger.nodeOf[s])) && gpu(k, ledger.acc[s]))
                .toArray());
  }

  /** Nodes for a CPU-only replica; a vendor or arch constraint asks the node to have one. */
  int[] nodes(Placement p) {
    return nodes.computeIfAbsent(
        p,
        k ->
            IntStream.range(0, ledger.nodes.size())
                .filter(n -> node(k, ledger.nodes.get(n)) && hasDevice(k, ledger.nodes.get(n)))
                .toArray());
  }

  static boolean node(Placement p, Node n) {
    return p.node().map(n.name()::equals).orElse(true)
        && p.labels().entrySet().stream()
            .allMatch(e -> e.getValue().equals(n.labels().get(e.getKey())));
  }

  static boolean gpu(Placement p, Accelerator a) {
    return a.vendor() != Vendor.CPU && kind(p, a) && a.memoryBytes() >= p.minMemoryBytes();
  }

  static boolean kind(Placement p, Accelerator a) {
    return p.vendor().map(v -> v == a.vendor()).orElse(true)
        && p.arch().map(a.arch()::equals).orElse(true);
  }

  private static boolean hasDevice(Placement p, Node n) {
    boolean anyCpu = p.vendor().map(v -> v == Vendor.CPU).orElse(true) && p.arch().isEmpty();
    return anyCpu || n.accelerators().stream().anyMatch(a -> kind(p, a));
  }
}
