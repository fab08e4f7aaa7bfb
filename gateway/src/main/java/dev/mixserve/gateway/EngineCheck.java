package dev.mixserve.gateway;

import dev.mixserve.api.Deployment;
import dev.mixserve.controller.process.CommandTemplate;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.cluster.ClusterRole;
import java.util.Optional;

/**
 * Whether what a node is to serve can run: each deployment placed here either has an engine kind
 * this JVM knows that does its task, or a command to start a server of its own, or an upstream URL
 * that parses. Checked before a config starts or replaces the running one, and by `mixserve config
 * FILE` through {@link #problem}, so that the check and the server agree.
 */
public final class EngineCheck {
  private EngineCheck() {}

  /** Throws IllegalArgumentException for the first deployment that cannot run. */
  static void check(ClusterRole.Served served, EngineRegistry engines) {
    for (Deployment d : served.config().deployments()) {
      if (served.unplaced().containsKey(d.name())) {
        continue; // nothing of it runs anywhere until the plan finds it a place
      }
      var problem = problem(d, engines);
      if (problem.isPresent()) {
        throw new IllegalArgumentException("deployment '" + d.name() + "': " + problem.get());
      }
    }
  }

  /** Why {@code d} cannot run with these engines, in a sentence; empty when it can. */
  public static Optional<String> problem(Deployment d, EngineRegistry engines) {
    if (CommandTemplate.EXTERNAL.contains(d.engine().kind())) {
      return CommandTemplate.missing(d); // a server of its own; nothing of it runs in this JVM
    }
    if (dev.mixserve.controller.KindLauncher.upstream(d)) {
      try {
        dev.mixserve.controller.UpstreamLauncher.base(d); // a bad URL is refused here
        return Optional.empty(); // any task: the gateway forwards its calls as they come
      } catch (dev.mixserve.controller.Launcher.LaunchException e) {
        String prefix = d.name() + ": "; // said by the caller, with the file and line
        String m = e.getMessage();
        return Optional.of(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
      }
    }
    var f = engines.factories().get(d.engine().kind());
    if (f == null) {
      return Optional.of(
          "engine '"
              + d.engine().kind()
              + "' is unknown; known: "
              + new java.util.TreeSet<>(engines.factories().keySet())
              + ", upstream, and servers of their own: "
              + new java.util.TreeSet<>(CommandTemplate.EXTERNAL));
    }
    if (!f.tasks().contains(d.task())) {
      return Optional.of(
          "engine '" + f.kind() + "' does not do " + d.task().id() + "; it does " + f.tasks());
    }
    return Optional.empty();
  }
}
