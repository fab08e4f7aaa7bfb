package dev.mixserve.gateway.cluster;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.WorkerDiscovery;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * This process's part in its cluster, kept in step: what it serves of a config ({@link
 * ClusterRole}), placed as it must be now. A head plans without the nodes that stopped answering
 * ({@link NodeWatch}, {@link Planner}); a worker that follows its head runs what the head's plan
 * puts on its node ({@link PlanFollower}); otherwise the placement is the config's as declared.
 */
public final class ClusterMember implements AutoCloseable {
  private final ClusterRole role;
  private final WorkerDiscovery workers; // null: the config's own addresses
  private final Planner planner = new Planner();
  private volatile Placement placement;
  private volatile Placement fromHead;
  private NodeWatch watch;
  private PlanFollower follower;

  public ClusterMember(ClusterRole role, WorkerDiscovery workers) {
    this.role = role;
    this.workers = workers;
  }

  public ClusterRole role() {
    return role;
  }

  /** What to serve of {@code whole}, placed as things stand now. */
  public synchronized ClusterRole.Served serve(MixserveConfig whole) {
    Placement p =
        switch (role) {
          case ClusterRole.Head h when ClusterRole.cluster(whole) || workers != null ->
              planner.plan(whole);
          case ClusterRole.Worker w when fromHead != null -> fromHead;
          default -> Placement.declared(whole);
        };
    placement = p;
    return role.serve(whole, p, discovery(whole));
  }

  private WorkerDiscovery discovery(MixserveConfig whole) {
    return workers != null ? workers : WorkerDiscovery.of(whole);
  }

  /** The nodes the placement leaves out, as they stopped answering. */
  public java.util.Set<String> down() {
    var p = placement;
    return p == null ? java.util.Set.of() : p.down();
  }

  /** The placement last served, for /-/plan. */
  public Placement placement() {
    return placement;
  }

  /** A head watches its workers; {@code replan} runs when the set of nodes down changes. */
  public synchronized void watch(
      Supplier<MixserveConfig> config, Duration downAfter, Runnable replan) {
    boolean cluster = ClusterRole.cluster(config.get()) || workers != null;
    if (watch == null && role instanceof ClusterRole.Head && cluster) {
      if (workers != null) {
        workers.onChange(replan); // an address that appears, moves or goes: serve it anew
      }
      watch =
          new NodeWatch(
              config,
              () -> discovery(config.get()),
              downAfter,
              down -> {
                if (planner.down(down)) {
                  replan.run();
                }
              });
    }
  }

  /** A worker follows its head's plan; {@code replan} runs when the plan changes. */
  public synchronized void follow(
      URI head, Supplier<java.util.Optional<String>> key, Runnable replan) {
    if (follower == null) {
      follower =
          new PlanFollower(
              head,
              key,
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
    if (workers != null) {
      workers.close();
    }
  }
}
