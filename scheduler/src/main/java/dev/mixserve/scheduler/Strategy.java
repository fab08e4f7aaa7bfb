package dev.mixserve.scheduler;

import java.util.Arrays;
import java.util.Locale;

/** How the scheduler chooses among accelerators that all fit a replica. */
public enum Strategy {
  /** Fill the fullest accelerator that still fits, leaving whole GPUs free for large shares. */
  PACK,
  /** Use the emptiest accelerator, and spread a deployment's replicas over nodes. */
  SPREAD;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Strategy parse(String text) {
    for (Strategy s : values()) {
      if (s.id().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "expected one of " + Arrays.stream(values()).map(Strategy::id).toList() + ", got " + text);
  }
}
