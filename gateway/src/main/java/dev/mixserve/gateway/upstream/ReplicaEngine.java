package dev.mixserve.gateway.upstream;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.controller.KindLauncher;
import dev.mixserve.controller.Member;
import dev.mixserve.controller.ReplicaPool;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deployment whose replicas run outside this JVM (supervised processes or upstream servers): the
 * controller keeps {@link #pool()} filled with the running ones and the gateway forwards each call
 * to one of them, with kept-alive connections per replica.
 */
public final class ReplicaEngine implements Engine {
  private final Deployment deployment;
  private final ReplicaPool pool;
  private final Replicas replicas;
  private final Map<URI, UpstreamPool> connections = new ConcurrentHashMap<>();
  private volatile long prunedAt;

  public ReplicaEngine(Deployment deployment, ReplicaPool pool, Replicas replicas) {
    this.deployment = deployment;
    this.pool = pool;
    this.replicas = replicas;
  }

  /** Empty while a replica may still come; else why none serves. */
  public java.util.Optional<String> whyNone() {
    return replicas.whyNone(deployment);
  }

  Deployment deployment() {
    return deployment;
  }

  public ReplicaPool pool() {
    return pool;
  }

  /** The kept-alive connections to one replica; those of replicas gone are closed now and then. */
  UpstreamPool connections(Member m) {
    long version = pool.snapshot().version();
    if (version != prunedAt && connections.size() > pool.snapshot().members().size()) {
      prune(version);
    }
    return connections.computeIfAbsent(
        m.endpoint(), base -> new UpstreamPool(base, Duration.ofSeconds(5), 1024));
  }

  private void prune(long version) {
    prunedAt = version;
    var live = new HashSet<URI>();
    pool.snapshot().members().forEach(m -> live.add(m.endpoint()));
    connections
        .entrySet()
        .removeIf(
            e -> {
              if (live.contains(e.getKey())) {
                return false;
              }
              e.getValue().close();
              return true;
            });
  }

  @Override
  public ModelCard card() {
    var members = pool.snapshot().members();
    String where =
        KindLauncher.upstream(deployment)
            ? "Requests are forwarded to the server at " + deployment.engine().model() + "."
            : "Replicas run as supervised '"
                + deployment.engine().kind()
                + "' processes; "
                + members.size()
                + " running now.";
    return new ModelCard(
        deployment.engine().model().isEmpty() ? deployment.name() : deployment.engine().model(),
        deployment.task(),
        KindLauncher.upstream(deployment) ? "upstream" : deployment.engine().kind(),
        where,
        Map.of("replicas_running", members.size()));
  }

  @Override
  public void close() {
    connections.values().forEach(UpstreamPool::close);
    connections.clear();
  }
}
