package dev.mixserve.scheduler.inventory;

import dev.mixserve.api.Node;
import java.util.List;

/**
 * The inventory the scheduler uses: declared nodes with the local one corrected by detection.
 *
 * @param nodes all nodes, in config order; a detected local node that was not declared comes last
 * @param findings every disagreement found
 */
public record Merged(List<Node> nodes, List<Finding> findings) {
  public Merged {
    nodes = List.copyOf(nodes);
    findings = List.copyOf(findings);
  }
}
