package dev.mixserve.gateway;

import dev.mixserve.api.Deployment;
import dev.mixserve.controller.process.CommandTemplate;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.cluster.ClusterRole;

/**
 * Whether what a node is to serve can run: each deployment placed here either has an engine kind
 * this JVM knows that does its task, or a command to start a server of its own, or an upstream URL
 * that parses. Checked before a config starts or replaces the running one.
 */
final class EngineCheck {
  private EngineCheck() {}

  /** Throws IllegalArgumentException for the first deployment that cannot run. */
  static void check(ClusterRole.Served served, EngineRegistry engines) {
    for (Deployment d : served.config().deployments()) {
      if (served.unplaced().containsKey(d.name())) {
        continue; // nothing of it runs anywhere until the plan finds it a place
      }
      if (CommandTemplate.EXTERNAL.contains(d.engine().kind())) {
        var missing = CommandTemplate.missing(d);
        if (missing.isPresent()) {
          throw new IllegalArgumentException("deployment '" + d.name() + "': " + missing.get());
        }
        continue; // a server of its own, started by command; nothing of it runs in this JVM
      }
      if (dev.mixserve.controller.KindLauncher.upstream(d)) {
        try {
          dev.mixserve.controller.UpstreamLauncher.base(d); // a bad URL is refused here
        } catch (dev.mixserve.controller.Launcher.LaunchException e) {
          throw new IllegalArgumentException("deployment " + e.getMessage());
        }
        continue; // any task: the gateway forwards its calls as they come
      }
      var f = engines.factories().get(d.engine().kind());
      if (f == null || !f.tasks().contains(d.task())) {
        throw new IllegalArgumentException(
            "deployment '"
                + d.name()
                + "': engine '"
                + d.engine().kind()
                + "' "
                + (f == null
                    ? "is unknown; known: "
                        + engines.factories().keySet()
                        + ", upstream, and servers of their own: "
                        + CommandTemplate.EXTERNAL
                    : "does not do " + d.task().id() + "; it does " + f.tasks()));
      }
    }
  }
}
