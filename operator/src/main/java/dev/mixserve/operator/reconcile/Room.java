package dev.mixserve.operator.reconcile;

import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.Usage;
import java.util.Optional;

/**
 * Whether a node's GPUs hold what the old plan put on them and what the new plan puts there, both
 * at once: then a worker's new pod can load its models while the old pod still serves. Integer
 * milli-GPU and bytes, as the scheduler counts them.
 */
final class Room {
  private Room() {}

  static boolean forBoth(Plan before, Plan after, String node) {
    return after.usage().stream()
        .filter(u -> u.node().equals(node))
        .allMatch(u -> fits(u, find(before, node, u.accelerator().index())));
  }

  private static boolean fits(Usage next, Optional<Usage> old) {
    int milli = next.usedMilliGpu() + old.map(Usage::usedMilliGpu).orElse(0);
    long bytes = next.usedMemoryBytes() + old.map(Usage::usedMemoryBytes).orElse(0L);
    return milli <= 1000 && bytes <= next.accelerator().memoryBytes();
  }

  private static Optional<Usage> find(Plan plan, String node, int index) {
    return plan.usage().stream()
        .filter(u -> u.node().equals(node) && u.accelerator().index() == index)
        .findFirst();
  }
}
