package dev.mixserve.operator.reconcile;

import dev.mixserve.api.Node;
import dev.mixserve.k8s.nodes.ClusterInventory;
import dev.mixserve.k8s.nodes.ClusterNodes;
import java.util.Collection;
import java.util.List;

/**
 * The nodes a {@code MixServe} is planned on: the spec's own, or the spec's merged with what the
 * cluster's Nodes say of their GPUs (the k8s module's {@link ClusterNodes}, as {@code plan
 * --detect} merges the local machine), whose findings reach the status.
 */
@FunctionalInterface
public interface NodeInventory {
  /** The spec's nodes as written: for an operator not allowed to read Nodes. */
  NodeInventory DECLARED = declared -> new ClusterInventory(declared, List.of());

  /**
   * @param declared the spec's nodes, loaded and checked as a config file's are
   */
  ClusterInventory nodes(List<Node> declared);

  /** The declared nodes corrected and completed by {@code cluster}'s Nodes. */
  static NodeInventory of(Collection<io.fabric8.kubernetes.api.model.Node> cluster) {
    var nodes = List.copyOf(cluster);
    return declared -> ClusterNodes.merge(declared, nodes);
  }
}
