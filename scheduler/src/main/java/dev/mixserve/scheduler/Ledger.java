package dev.mixserve.scheduler;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.api.Resources;
import dev.mixserve.api.Vendor;
import java.util.ArrayList;
import java.util.List;

/**
 * The books of one scheduling run: every GPU of the inventory as a slot with its free share and
 * memory. Flat arrays because a run scans them once per replica (10,000 x 1,000 in the benchmark).
 */
final class Ledger {
  final List<Node> nodes;
  final int[] nodeOf; // [slot] index into nodes
  final Accelerator[] acc; // [slot]
  final int[] freeMilli; // [slot]
  final long[] freeMem; // [slot]
  final int[] firstSlot; // [node] slots of node n are firstSlot[n] until firstSlot[n + 1]
  private final java.util.Map<String, Integer> nodeIndex; // shared by copies, never changed

  Ledger(List<Node> nodes) {
    this.nodes = List.copyOf(nodes);
    var owners = new ArrayList<Integer>();
    var accs = new ArrayList<Accelerator>();
    firstSlot = new int[nodes.size() + 1];
    nodeIndex = new java.util.HashMap<>();
    for (int n = 0; n < nodes.size(); n++) {
      firstSlot[n] = accs.size();
      nodeIndex.put(nodes.get(n).name(), n);
      for (Accelerator a : nodes.get(n).accelerators()) {
        if (a.vendor() != Vendor.CPU) {
          owners.add(n);
          accs.add(a);
        }
      }
    }
    firstSlot[nodes.size()] = accs.size();
    nodeOf = owners.stream().mapToInt(Integer::intValue).toArray();
    acc = accs.toArray(Accelerator[]::new);
    freeMilli = new int[acc.length];
    java.util.Arrays.fill(freeMilli, 1000);
    freeMem = accs.stream().mapToLong(Accelerator::memoryBytes).toArray();
  }

  private Ledger(Ledger o) {
    nodes = o.nodes;
    nodeOf = o.nodeOf;
    firstSlot = o.firstSlot;
    nodeIndex = o.nodeIndex;
    acc = o.acc;
    freeMilli = o.freeMilli.clone();
    freeMem = o.freeMem.clone();
  }

  Ledger copy() {
    return new Ledger(this);
  }

  int slots() {
    return acc.length;
  }

  /** Explicit budget, or the share of the device's memory: 0.5 of 8 GiB is 4 GiB. */
  long budget(Resources r, int slot) {
    return r.memoryBytes() > 0 ? r.memoryBytes() : r.milliGpu() * acc[slot].memoryBytes() / 1000;
  }

  boolean fits(Resources r, int slot) {
    return freeMilli[slot] >= r.milliGpu() && freeMem[slot] >= budget(r, slot);
  }

  void take(int slot, int milli, long memory) {
    freeMilli[slot] -= milli;
    freeMem[slot] -= memory;
  }

  /** "amd gfx1151", or "#1 nvidia sm_90" on a node with several GPUs; for refusals. */
  String slotName(int slot) {
    String kind = Bytes.kind(acc[slot]);
    return slotsOf(nodeOf[slot]) > 1 ? "#" + acc[slot].index() + " " + kind : kind;
  }

  int slotsOf(int node) {
    return firstSlot[node + 1] - firstSlot[node];
  }

  int nodeIndex(String name) {
    return nodeIndex.getOrDefault(name, -1);
  }

  /** The slot of a node's accelerator by vendor and index, or -1. */
  int slot(int node, Vendor vendor, int index) {
    for (int s = firstSlot[node]; s < firstSlot[node + 1]; s++) {
      if (acc[s].vendor() == vendor && acc[s].index() == index) {
        return s;
      }
    }
    return -1;
  }

  List<Usage> usage() {
    var out = new ArrayList<Usage>();
    for (int s = 0; s < acc.length; s++) {
      String node = nodes.get(nodeOf[s]).name();
      out.add(new Usage(node, acc[s], 1000 - freeMilli[s], acc[s].memoryBytes() - freeMem[s]));
    }
    return out;
  }
}
