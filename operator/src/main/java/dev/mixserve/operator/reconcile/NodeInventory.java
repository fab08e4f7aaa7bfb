package dev.mixserve.operator.reconcile;

import dev.mixserve.api.Node;
import dev.mixserve.operator.crd.MixServe;
import java.util.List;
import java.util.Objects;

/**
 * The nodes a {@code MixServe} is planned on. {@link #DECLARED} takes the spec's own; an inventory
 * that reads the cluster's Nodes (GPU capacity, feature-discovery labels) and merges them with the
 * declared ones plugs in here, and its findings reach the status.
 */
@FunctionalInterface
public interface NodeInventory {
  /** The spec's nodes as written. */
  NodeInventory DECLARED = (cr, declared) -> new Inventory(declared, List.of());

  /**
   * @param cr the resource being reconciled
   * @param declared the spec's nodes, loaded and checked as a config file's are
   */
  Inventory nodes(MixServe cr, List<Node> declared);

  /**
   * @param nodes what to plan with
   * @param findings where the cluster disagrees with the spec, one line each
   */
  record Inventory(List<Node> nodes, List<String> findings) {
    public Inventory {
      nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
      findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
    }
  }
}
