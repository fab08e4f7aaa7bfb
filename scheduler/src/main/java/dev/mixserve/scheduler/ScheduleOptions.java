package dev.mixserve.scheduler;

import java.util.Objects;
import java.util.Optional;

/**
 * Knobs of one scheduling run.
 *
 * @param strategy pack or spread
 * @param rebalance when true, existing replicas may move; otherwise they stay where they are
 * @param localNode the node this process runs on; CPU-only replicas prefer it
 */
public record ScheduleOptions(Strategy strategy, boolean rebalance, Optional<String> localNode) {
  public static final ScheduleOptions DEFAULT =
      new ScheduleOptions(Strategy.PACK, false, Optional.empty());

  public ScheduleOptions {
    Objects.requireNonNull(strategy, "strategy");
    localNode = localNode == null ? Optional.empty() : localNode;
  }

  public ScheduleOptions withStrategy(Strategy s) {
    return new ScheduleOptions(s, rebalance, localNode);
  }

  public ScheduleOptions withRebalance(boolean r) {
    return new ScheduleOptions(strategy, r, localNode);
  }
}
