package dev.mixserve.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A machine in the cluster and the accelerators it has. */
public record Node(
    String name, String address, Map<String, String> labels, List<Accelerator> accelerators) {
  public Node {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("node name must not be blank");
    }
    address = address == null ? "" : address;
    labels = Map.copyOf(labels == null ? Map.of() : labels);
    accelerators = List.copyOf(accelerators == null ? List.of() : accelerators);
  }
}
