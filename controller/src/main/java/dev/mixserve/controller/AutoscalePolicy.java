package dev.mixserve.controller;

import dev.mixserve.api.Autoscaling;
import java.time.Duration;
import java.time.Instant;

/**
 * Replica count from load, as a pure function: the caller keeps the returned {@link Memory} and
 * hands it back on the next call, so the rule can be tested with tables and no clock.
 */
public final class AutoscalePolicy {
  private AutoscalePolicy() {}

  /**
   * When load was first seen above or below what the current count can carry; null when it was not.
   */
  public record Memory(Instant aboveSince, Instant belowSince) {
    public static final Memory NONE = new Memory(null, null);
  }

  /** The count to run now and what to remember for the next decision. */
  public record Decision(int desired, Memory memory) {}

  /**
   * @param current replicas wanted so far (starting ones included)
   * @param ongoing requests running, queued and waiting for a replica
   */
  public static Decision decide(
      Autoscaling cfg, int current, double ongoing, Instant now, Memory memory) {
    if (current == 0 && ongoing > 0) {
      return new Decision(clamp(cfg, 1), Memory.NONE); // cold start: a waiting request
    }
    int wanted = clamp(cfg, (int) Math.ceil(ongoing / cfg.targetOngoingRequests()));
    if (current < cfg.min() || current > cfg.max() || wanted == current) {
      return new Decision(clamp(cfg, current), Memory.NONE);
    }
    if (wanted > current) {
      Instant since = memory.aboveSince() != null ? memory.aboveSince() : now;
      return waited(since, now, cfg.upscaleDelay())
          ? new Decision(wanted, Memory.NONE)
          : new Decision(current, new Memory(since, null));
    }
    Instant since = memory.belowSince() != null ? memory.belowSince() : now;
    return waited(since, now, cfg.downscaleDelay())
        ? new Decision(wanted, Memory.NONE)
        : new Decision(current, new Memory(null, since));
  }

  private static boolean waited(Instant since, Instant now, Duration delay) {
    return Duration.between(since, now).compareTo(delay) >= 0;
  }

  private static int clamp(Autoscaling cfg, int n) {
    return Math.clamp(n, cfg.min(), cfg.max());
  }
}
