package dev.mixserve.controller;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Node;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a changed deployment's new replicas can start while the old ones still hold their share,
 * which decides how a reload goes: side by side (start new, switch, drain old) or swapped (hold
 * requests, stop old, start new).
 */
public final class Fits {
  private Fits() {}

  /** Without a cluster to ask: both GPU shares must fit on one GPU. */
  public static boolean onOneGpu(Deployment old, Deployment next) {
    int a = old.resources().milliGpu();
    int b = next.resources().milliGpu();
    return a == 0 || b == 0 || a + b <= 1000;
  }

  /**
   * Asks the scheduler: does everything of the new config place while the old spec keeps its
   * replicas? Another free GPU elsewhere is then as good as room on the same one.
   */
  public static boolean beside(
      List<Node> nodes, List<Deployment> config, Deployment old, Deployment next) {
    if (old.resources().milliGpu() == 0 || next.resources().milliGpu() == 0) {
      return true;
    }
    var all = new ArrayList<Deployment>();
    all.add(renamed(old, old.name() + "-previous"));
    all.addAll(config);
    var plan = Scheduler.plan(nodes, all, List.of(), ScheduleOptions.DEFAULT);
    return plan.refusals().isEmpty();
  }

  private static Deployment renamed(Deployment d, String name) {
    return new Deployment(
        name,
        d.route() + "-previous",
        d.task(),
        d.engine(),
        d.resources(),
        d.placement(),
        d.autoscaling() == null ? d.replicas() : d.autoscaling().max(),
        d.limits(),
        d.batching(),
        d.aliases(),
        d.modelNames(),
        d.process(),
        null,
        d.health());
  }
}
