package dev.mixserve.gateway.cluster;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import dev.mixserve.scheduler.Strategy;
import dev.mixserve.scheduler.inventory.Finding;
import dev.mixserve.scheduler.inventory.Inventory;
import dev.mixserve.scheduler.inventory.InventoryMerge;
import dev.mixserve.scheduler.inventory.LocalSystemProbe;
import dev.mixserve.scheduler.inventory.SystemProbe;
import dev.mixserve.scheduler.report.Format;
import dev.mixserve.scheduler.report.PlanReport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the scheduler puts every deployment of the running config, on the declared nodes with this
 * machine's detected accelerators merged in: what {@code mixserve plan --detect} prints, kept with
 * the route table so /-/routes and /-/status show the placement that goes with it.
 *
 * @param config the config with the merged nodes
 * @param findings where declaration and detection disagree
 */
public record ClusterView(
    MixserveConfig config, Plan plan, List<Finding> findings, String localNode) {
  private static final Set<String> LOCAL = Set.of("", "127.0.0.1", "localhost", "::1");

  public static ClusterView of(MixserveConfig config, List<Assignment> current) {
    return of(config, current, Optional.empty());
  }

  /** As {@link #of(MixserveConfig, List)}, for a worker that knows which node it is. */
  public static ClusterView of(
      MixserveConfig config, List<Assignment> current, Optional<String> node) {
    return of(config, current, node, Set.of());
  }

  /** As above, planning without the nodes that are down (so /-/status shows the plan served). */
  public static ClusterView of(
      MixserveConfig config, List<Assignment> current, Optional<String> node, Set<String> down) {
    return of(config, current, node, down, new LocalSystemProbe(Duration.ofSeconds(5)));
  }

  /** As above, with this machine's accelerators detected through {@code probe}. */
  public static ClusterView of(
      MixserveConfig config,
      List<Assignment> current,
      Optional<String> node,
      Set<String> down,
      SystemProbe probe) {
    var up =
        down.isEmpty()
            ? config
            : new MixserveConfig(
                config.server(),
                config.nodes().stream().filter(n -> !down.contains(n.name())).toList(),
                config.deployments(),
                config.auth());
    return of(up, current, probe, node);
  }

  public static ClusterView of(MixserveConfig config, List<Assignment> current, SystemProbe probe) {
    return of(config, current, probe, Optional.empty());
  }

  public static ClusterView of(
      MixserveConfig config, List<Assignment> current, SystemProbe probe, Optional<String> node) {
    String local =
        node.orElseGet(
            () ->
                config.nodes().stream()
                    .filter(n -> LOCAL.contains(n.address()))
                    .map(dev.mixserve.api.Node::name)
                    .findFirst()
                    .orElseGet(ClusterView::hostname));
    var merged = InventoryMerge.merge(config.nodes(), Inventory.detect(local, probe));
    var withNodes =
        new MixserveConfig(config.server(), merged.nodes(), config.deployments(), config.auth());
    var options = new ScheduleOptions(Strategy.PACK, false, Optional.of(local));
    var plan = Scheduler.plan(withNodes.nodes(), withNodes.deployments(), current, options);
    return new ClusterView(withNodes, plan, merged.findings(), local);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "local";
    }
  }

  /** The plan as `mixserve plan --format json` prints it. */
  public String planJson() {
    return PlanReport.render(config, plan, Format.JSON);
  }
}
