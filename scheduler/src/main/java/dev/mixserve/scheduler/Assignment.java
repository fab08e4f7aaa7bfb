package dev.mixserve.scheduler;

import java.util.Objects;

/**
 * One replica placed on a node.
 *
 * @param deployment deployment name
 * @param replica ordinal of the replica within its deployment, 0-based
 * @param node node name
 * @param target the share it holds there
 */
public record Assignment(String deployment, int replica, String node, Target target) {
  public Assignment {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(target, "target");
    if (replica < 0) {
      throw new IllegalArgumentException("replica must be >= 0, got " + replica);
    }
  }

  public int milliGpu() {
    return switch (target) {
      case Target.Gpu g -> g.milliGpu();
      case Target.Cpu c -> 0;
    };
  }

  public long memoryBytes() {
    return switch (target) {
      case Target.Gpu g -> g.memoryBytes();
      case Target.Cpu c -> 0;
    };
  }
}
