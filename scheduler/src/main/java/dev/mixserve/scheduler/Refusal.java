package dev.mixserve.scheduler;

import java.util.List;
import java.util.Objects;

/**
 * A replica the scheduler could not place, and why not on each node.
 *
 * @param deployment deployment name
 * @param replica ordinal of the replica
 * @param needs what it asked for, e.g. "/llm needs 950 milli-GPU and 40 GiB on amd"
 * @param reasons one line per node, e.g. "khelben: amd gfx1151, 50 milli-GPU free, needs 950"
 */
public record Refusal(String deployment, int replica, String needs, List<String> reasons) {
  public Refusal {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(needs, "needs");
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs at least one reason");
    }
  }
}
