package dev.mixserve.k8s.nodes;

import dev.mixserve.api.Node;
import java.util.List;

/**
 * The nodes to plan with, and what the operator reports about them.
 *
 * @param nodes the config's nodes in config order, corrected by their Nodes; then the Nodes with
 *     GPUs the config does not declare, by name
 * @param findings every disagreement, in the same order
 */
public record ClusterInventory(List<Node> nodes, List<NodeFinding> findings) {
  public ClusterInventory {
    nodes = List.copyOf(nodes);
    findings = List.copyOf(findings);
  }

  /** The findings of one node, as its entry in a status may list them. */
  public List<NodeFinding> about(String node) {
    return findings.stream().filter(f -> f.node().equals(node)).toList();
  }
}
