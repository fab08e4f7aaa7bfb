package dev.mixserve.api;

import java.util.Map;
import java.util.Optional;

/**
 * Where a cluster's workers are: the seam between a head and whatever knows. Static addresses come
 * from the config ({@code nodes[].address}); on Kubernetes an informer on the workers'
 * EndpointSlices says. Implementations keep the last addresses they knew while their source cannot
 * be reached.
 */
public interface WorkerDiscovery extends AutoCloseable {
  /** The base URL of the worker for {@code node} now (http://host:port), or empty. */
  Optional<String> address(String node);

  /** Whether it knows workers for nodes the config gives no address (not static). */
  default boolean dynamic() {
    return false;
  }

  /** Runs {@code r} (on any thread) whenever an address appears, changes or goes. */
  default void onChange(Runnable r) {}

  @Override
  default void close() {}

  /** The config's own addresses. */
  static WorkerDiscovery of(MixserveConfig config) {
    Map<String, String> byNode = new java.util.HashMap<>();
    for (Node n : config.nodes()) {
      if (!n.address().isBlank()) {
        byNode.put(n.name(), n.address());
      }
    }
    return node -> Optional.ofNullable(byNode.get(node));
  }
}
