package dev.mixserve.cli;

import dev.mixserve.core.runtime.DeploymentRuntime;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * The summary `serve` logs once every deployment has loaded or failed: how long the start took and
 * one line per route. Each deployment's loading, ready and failure were logged as they happened (by
 * {@link DeploymentRuntime}); a failure's reason was said there and is not said again.
 */
final class RouteTable {
  private static final System.Logger LOG = System.getLogger("mixserve");

  private RouteTable() {}

  static void log(List<DeploymentRuntime> runtimes) {
    long ready =
        runtimes.stream().filter(rt -> rt.state() instanceof DeploymentRuntime.State.Ready).count();
    double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    LOG.log(
        ready == runtimes.size() ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
        String.format(
            Locale.ROOT,
            "mixserve ready: %d of %d deployments loaded, %.1f s after start",
            ready,
            runtimes.size(),
            uptime));
    runtimes.forEach(rt -> LOG.log(System.Logger.Level.INFO, row(rt)));
  }

  static String row(DeploymentRuntime rt) {
    var d = rt.deployment();
    String state =
        switch (rt.state()) {
          case DeploymentRuntime.State.Ready r -> "ready   " + r.engine().card().model();
          case DeploymentRuntime.State.Failed f -> "FAILED  (reason above; retrying)";
          case DeploymentRuntime.State.Closed c -> "stopped";
          case DeploymentRuntime.State.Loading l -> "loading";
        };
    return String.format(
        Locale.ROOT,
        "route %-12s %-14s %-18s %s",
        d.route(),
        d.task().id(),
        d.engine().kind(),
        state);
  }
}
