package dev.mixserve.k8s.nodes;

import java.util.Objects;

/**
 * Where the cluster and the config disagree about a node, and what the plan does about it: one
 * entry of the operator's status.
 *
 * @param node the config's node name, or the Node's name for one the config does not declare
 * @param kind what sort of disagreement; {@link Kind#reason()} is its status reason
 * @param message e.g. "nvidia sm_86 #0: declared 8 GiB, detected 12 GiB; using detected"
 */
public record NodeFinding(String node, Kind kind, String message) {
  /** Kinds of findings, each with the CamelCase reason Kubernetes statuses use. */
  public enum Kind {
    /** The Node states GPU facts that differ from the declared ones; the Node's are used. */
    DISAGREES("GpuMismatch"),
    /** A declared node matches no Node; the declared accelerators are planned with. */
    NO_NODE("NodeNotFound"),
    /** A Node with GPUs the config does not declare; it is added to the plan. */
    NOT_DECLARED("NodeNotDeclared"),
    /** The Node says nothing (or too little) about some GPUs; the config's facts stand. */
    NO_GPU_FACTS("GpuFactsMissing"),
    /** The Node lacks a label the node's worker selects it by; the worker would stay Pending. */
    LABEL_MISSING("NodeLabelMissing"),
    /** A unified GPU's memory neither the Node nor the config states; an estimate is used. */
    ESTIMATED("MemoryEstimated");

    private final String reason;

    Kind(String reason) {
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  public NodeFinding {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  public String reason() {
    return kind.reason();
  }

  @Override
  public String toString() {
    return node + ": " + message;
  }
}
