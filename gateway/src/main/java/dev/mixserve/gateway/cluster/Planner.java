package dev.mixserve.gateway.cluster;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import java.util.List;
import java.util.Set;

/**
 * The head's placement: the scheduler on the nodes that answer, given where everything is now, so
 * that a node that stops answering loses what it held to nodes that fit, and a node that comes back
 * takes nothing back unless it must (the scheduler keeps a replica where it still fits).
 */
public final class Planner {
  private volatile Set<String> down = Set.of();
  private volatile List<Assignment> current = List.of();

  /** Plans {@code config} without the nodes down; remembers the plan as where things are. */
  public synchronized Placement plan(MixserveConfig config) {
    var up = config.nodes().stream().filter(n -> !down.contains(n.name())).toList();
    var plan = Scheduler.plan(up, config.deployments(), current, ScheduleOptions.DEFAULT);
    current = plan.assignments();
    return Placement.of(plan, down);
  }

  /** Counts these nodes out from the next plan on; returns whether that changed anything. */
  public synchronized boolean down(Set<String> nodes) {
    if (nodes.equals(down)) {
      return false;
    }
    down = Set.copyOf(nodes);
    return true;
  }
}
