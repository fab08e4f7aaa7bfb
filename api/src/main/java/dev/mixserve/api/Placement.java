package dev.mixserve.api;

import java.util.Map;
import java.util.Optional;

/** Where a deployment may run; empty fields constrain nothing. */
public record Placement(
    Optional<String> node,
    Optional<Vendor> vendor,
    Optional<String> arch,
    Map<String, String> labels,
    long minMemoryBytes) {
  public static final Placement ANY =
      new Placement(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), 0);

  public Placement {
    labels = Map.copyOf(labels == null ? Map.of() : labels);
    if (minMemoryBytes < 0) {
      throw new IllegalArgumentException("min memory must be >= 0");
    }
  }
}
