package dev.mixserve.scheduler;

import dev.mixserve.api.Deployment;
import java.util.ArrayList;
import java.util.List;

/** One attempt at placing replicas: the ledger, what was placed, what was not. Mutable. */
final class Placer {
  final Ledger ledger;
  final List<Assignment> placed;
  final List<Request> refused = new ArrayList<>();
  private final Choice choice;
  private final int[][] perNode; // [deployment][node] replicas placed, for spreading
  private final boolean[] full; // [deployment] a replica found no room: free space only shrinks

  Placer(Ledger ledger, Choice choice, int deployments) {
    this.ledger = ledger;
    this.choice = choice;
    this.placed = new ArrayList<>();
    this.perNode = new int[deployments][ledger.nodes.size()];
    this.full = new boolean[deployments];
  }

  private Placer(Placer o) {
    ledger = o.ledger.copy();
    choice = o.choice;
    placed = new ArrayList<>(o.placed);
    full = o.full.clone();
    perNode = new int[o.perNode.length][];
    for (int i = 0; i < perNode.length; i++) {
      perNode[i] = o.perNode[i].clone();
    }
  }

  Placer copy() {
    return new Placer(this);
  }

  void placeAll(List<Request> requests) {
    for (Request r : requests) {
      boolean ok = r.milli() == 0 ? placeCpu(r) : placeGpu(r);
      if (!ok) {
        refused.add(r);
      }
    }
  }

  boolean placeGpu(Request r) {
    int slot = full[r.dep()] ? -1 : choice.slot(r, ledger, perNode[r.dep()]);
    if (slot < 0) {
      full[r.dep()] = true;
      return false;
    }
    takeGpu(r.dep(), r.replica(), r.deployment(), slot);
    return true;
  }

  boolean placeCpu(Request r) {
    int node = choice.node(r, perNode[r.dep()]);
    if (node < 0) {
      return false;
    }
    takeCpu(r.dep(), r.replica(), r.deployment(), node);
    return true;
  }

  void takeGpu(int dep, int replica, Deployment d, int slot) {
    long memory = ledger.budget(d.resources(), slot);
    int milli = d.resources().milliGpu();
    ledger.take(slot, milli, memory);
    perNode[dep][ledger.nodeOf[slot]]++;
    String node = ledger.nodes.get(ledger.nodeOf[slot]).name();
    placed.add(
        new Assignment(d.name(), replica, node, new Target.Gpu(ledger.acc[slot], milli, memory)));
  }

  void takeCpu(int dep, int replica, Deployment d, int node) {
    perNode[dep][node]++;
    placed.add(new Assignment(d.name(), replica, ledger.nodes.get(node).name(), new Target.Cpu()));
  }
}
