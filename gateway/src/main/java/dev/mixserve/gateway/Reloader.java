package dev.mixserve.gateway;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.core.runtime.DeploymentRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One reload: start what is new, wait until it is ready, switch routes, drain what is replaced. */
public final class Reloader {
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final MixserveServer server;
  private final MixserveConfig next;
  private final Duration loadTimeout;

  Reloader(MixserveServer server, MixserveConfig next, Duration loadTimeout) {
    this.server = server;
    this.next = next;
    this.loadTimeout = loadTimeout;
  }

  Reload run() {
    var old = new HashMap<String, DeploymentRuntime>();
    server.current().forEach(rt -> old.put(rt.deployment().name(), rt));
    var added = new ArrayList<String>();
    var changed = new ArrayList<String>();
    var unchanged = new ArrayList<String>();
    var kept = new ArrayList<String>();
    var serving = new ArrayList<DeploymentRuntime>();
    var fresh = new HashMap<String, DeploymentRuntime>();
    for (Deployment d : next.deployments()) {
      DeploymentRuntime before = old.get(d.name());
      if (before != null && before.deployment().equals(d)) {
        unchanged.add(d.name());
      } else {
        (before == null ? added : changed).add(d.name());
        fresh.put(d.name(), server.start(d));
      }
    }
    awaitLoads(fresh.values());
    for (Deployment d : next.deployments()) {
      DeploymentRuntime now = fresh.getOrDefault(d.name(), old.get(d.name()));
      // A deployment the plan no longer places cannot keep its old form: that is what went away
      if (changed.contains(d.name())
          && !(now.state() instanceof DeploymentRuntime.State.Ready)
          && !server.unplaced(d.name())) {
        kept.add(d.name());
        now.close();
        now = old.get(d.name());
      }
      serving.add(now);
    }
    var removed = new ArrayList<String>();
    old.keySet().stream().filter(n -> next.deployment(n).isEmpty()).sorted().forEach(removed::add);
    server.publish(next, serving);
    var retired = old.values().stream().filter(rt -> !serving.contains(rt)).toList();
    Thread.ofVirtual().name("drain-old-runtimes").start(() -> drain(retired));
    return new Reload(
        server.gateway().routes().version(), added, changed, removed, unchanged, kept);
  }

  private void awaitLoads(java.util.Collection<DeploymentRuntime> loading) {
    var all =
        CompletableFuture.allOf(
            loading.stream().map(DeploymentRuntime::loading).toArray(CompletableFuture[]::new));
    try {
      all.get(loadTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // Those still loading count as failed below and the old runtime keeps serving.
    }
  }

  /** Requests already admitted on a replaced runtime finish before its engine closes. */
  private static void drain(List<DeploymentRuntime> retired) {
    long end = System.nanoTime() + DRAIN.toNanos();
    for (DeploymentRuntime rt : retired) {
      rt.gate().awaitIdle(end);
      rt.close();
    }
  }
}
