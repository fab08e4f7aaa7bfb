package dev.mixserve.gateway;

import dev.mixserve.api.MixserveConfig;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * This process's part in its cluster, kept in step: what it serves of a config ({@link
 * ClusterRole}), placed as it must be now. A head plans without the nodes that stopped answering
 * ({@link NodeWatch}, {@link Planner}); a worker that follows its head runs what the head's plan
 * puts on its node ({@link PlanFollower}); otherwise the placement is the config's as declared.
 */
final class ClusterMember implements AutoCloseable {
  private final ClusterRole role;
  private final Planner planner = new Planner();
  private volatile Placement placement;
  private volatile Placement fromHead;
  private NodeWatch watch;
  private PlanFollower follower;

  ClusterMember(ClusterRole role) {
    this.role = role;
  }

  ClusterRole role() {
    return role;
  }

  /** What to serve of {@code whole}, placed as things stand now. */
  synchronized ClusterRole.Served serve(MixserveConfig whole) {
    Placement p =
        switch (role) {
          case ClusterRole.Head h when ClusterRole.cluster(whole) -> planner.plan(whole);
          case ClusterRole.Worker w when fromHead != null -> fromHead;
          default -> Placement.declared(whole);
        };
    placement = p;
    return role.serve(whole, p);
  }

  /** The placement last served, for /-/plan. */
  Placement placement() {
    return placement;
  }

  /** A head watches its workers; {@code replan} runs when the set of nodes down changes. */
  synchronized void watch(Supplier<MixserveConfig> config, Duration downAfter, Runnable replan) {
    if (watch == null && role instanceof ClusterRole.Head && ClusterRole.cluster(config.get())) {
      watch =
          new NodeWatch(
              config,
              downAfter,
              down -> {
                if (planner.down(down)) {
                  replan.run();
                }
              });
    }
  }

  /** A worker follows its head's plan; {@code replan} runs when the plan changes. */
  synchronized void follow(URI head, Runnable replan) {
    if (follower == null) {
      follower =
          new PlanFollower(
              head,
              p -> {
                fromHead = p;
                replan.run();
              });
    }
  }

  @Override
  public synchronized void close() {
    if (watch != null) {
      watch.close();
    }
    if (follower != null) {
      follower.close();
    }
  }
}
