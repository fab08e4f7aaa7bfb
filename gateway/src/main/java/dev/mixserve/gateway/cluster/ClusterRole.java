package dev.mixserve.gateway.cluster;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Node;
import dev.mixserve.api.WorkerDiscovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The part this process plays in a cluster, and what of the one config it serves for it, as
 * KubeRay's head and worker pods do. A worker ({@code serve --node NAME}) runs the deployments the
 * plan puts on its node, with today's launchers. The head ({@code serve} without a node) routes: a
 * deployment the plan puts on a node with an address becomes replicas at that worker, and the head
 * admits, picks, retries and streams as for any replica outside its JVM. A config without node
 * addresses is one machine, served as written.
 *
 * <p>Every process plans from the config as declared (no detected devices), so that the head and
 * every worker come to the same plan from the same file.
 */
public sealed interface ClusterRole {
  /** The head: routes to workers (or serves everything itself when no node has an address). */
  record Head() implements ClusterRole {}

  /** A worker for one node of the config. */
  record Worker(String name) implements ClusterRole {}

  /** Null for the head. */
  static ClusterRole of(String node) {
    return node == null ? new Head() : new Worker(node);
  }

  /**
   * What this process serves of {@code config}, or an IllegalArgumentException for a worker whose
   * node the config does not declare.
   *
   * @param config the config as served
   * @param unplaced deployments the plan could not place, with the scheduler's reason: their routes
   *     answer 503 with it
   */
  record Served(MixserveConfig config, Map<String, String> unplaced) {}

  /** What this process serves of {@code config}, placed as the config declares it. */
  default Served serve(MixserveConfig config) {
    return serve(config, Placement.declared(config));
  }

  /** What this process serves of {@code config}, placed as {@code placement} says. */
  default Served serve(MixserveConfig config, Placement placement) {
    return serve(config, placement, WorkerDiscovery.of(config));
  }

  /** As above, with workers where {@code workers} says they are. */
  default Served serve(MixserveConfig config, Placement placement, WorkerDiscovery workers) {
    return switch (this) {
      case Head h -> head(config, placement, workers);
      case Worker w -> worker(config, placement, w.name());
    };
  }

  /** The node this process is, when it is a worker. */
  default Optional<String> node() {
    return this instanceof Worker w ? Optional.of(w.name()) : Optional.empty();
  }

  /**
   * Whether a config is a cluster: a node's address is a worker's URL (http://host:port). A bare
   * host such as the built-in config's {@code 127.0.0.1} names this machine, not a worker.
   */
  static boolean cluster(MixserveConfig config) {
    return config.nodes().stream().anyMatch(n -> worker(n.address()));
  }

  /** Whether an address is a worker's base URL rather than this machine's name. */
  static boolean worker(String address) {
    return address.startsWith("http://") || address.startsWith("https://");
  }

  private static Served head(MixserveConfig config, Placement placement, WorkerDiscovery workers) {
    if (!cluster(config) && !workers.dynamic()) {
      return new Served(config, Map.of());
    }
    var out = new ArrayList<Deployment>();
    var unplaced = new LinkedHashMap<String, String>();
    for (Deployment d : config.deployments()) {
      var nodes = placement.nodes(d.name());
      if (nodes.isEmpty()) {
        unplaced.put(
            d.name(),
            placement.refused().getOrDefault(d.name(), "the scheduler placed no replica of it"));
        out.add(d);
        continue;
      }
      var remote = nodes.stream().map(workers::address).flatMap(Optional::stream).toList();
      if (remote.isEmpty() && workers.dynamic()) {
        unplaced.put(d.name(), "no worker of node " + nodes.getFirst() + " is known yet");
        out.add(d);
        continue;
      }
      out.add(remote.isEmpty() ? d : atWorker(d, remote.getFirst()));
    }
    return new Served(config.withDeployments(out), unplaced);
  }

  /**
   * The deployment as the head serves it: an upstream at the worker's route, reached with the
   * worker's own admission (the head's limits still apply in front of it).
   */
  private static Deployment atWorker(Deployment d, String address) {
    String base = address.replaceAll("/+$", "") + d.route();
    return d.withEngine(
            new EngineSpec(
                "upstream", base, Map.of(dev.mixserve.api.ClusterKey.MEMBER_OPTION, true)))
        .withProcess(null)
        .withReplicas(1, null);
  }

  private static Served worker(MixserveConfig config, Placement placement, String node) {
    if (config.nodes().stream().noneMatch(n -> n.name().equals(node))) {
      throw new IllegalArgumentException(
          "--node "
              + node
              + ": the config declares no such node; it has "
              + config.nodes().stream().map(Node::name).toList());
    }
    var out = new ArrayList<Deployment>();
    for (Deployment d : config.deployments()) {
      long here = placement.on(d.name(), node);
      if (here > 0) {
        out.add(d.withReplicas((int) here, null));
      }
    }
    return new Served(config.withDeployments(out), Map.of());
  }
}
