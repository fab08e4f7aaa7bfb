package dev.mixserve.k8s.nodes;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A Node's labels and resources, read leniently: a label a tool wrote oddly is a fact unknown, not
 * an error, because one bad Node must not stop the plan for the others.
 *
 * @param name metadata.name
 * @param labels metadata.labels
 * @param allocatable status.allocatable: what pods can get, so an unhealthy GPU drops out of it
 * @param capacity status.capacity: read where allocatable lacks a resource
 */
record NodeView(
    String name,
    Map<String, String> labels,
    Map<String, Quantity> allocatable,
    Map<String, Quantity> capacity) {
  static final String HOSTNAME = "kubernetes.io/hostname";

  NodeView {
    labels = Map.copyOf(labels == null ? Map.of() : labels);
    allocatable = Map.copyOf(allocatable == null ? Map.of() : allocatable);
    capacity = Map.copyOf(capacity == null ? Map.of() : capacity);
  }

  static NodeView of(io.fabric8.kubernetes.api.model.Node node) {
    var meta = node.getMetadata();
    if (meta == null || meta.getName() == null || meta.getName().isBlank()) {
      throw new IllegalArgumentException("a Node without metadata.name");
    }
    var status = node.getStatus();
    return new NodeView(
        meta.getName(),
        meta.getLabels(),
        status == null ? null : status.getAllocatable(),
        status == null ? null : status.getCapacity());
  }

  /** The host the kubelet reports; the Node's name where the label is missing. */
  String hostname() {
    return label(HOSTNAME).orElse(name);
  }

  Optional<String> label(String key) {
    return Optional.ofNullable(labels.get(key)).map(String::strip).filter(s -> !s.isEmpty());
  }

  OptionalLong number(String key) {
    return label(key).map(NodeView::parse).orElse(OptionalLong.empty());
  }

  /** Labels under {@code prefix}, keyed by the rest of their name, in name order. */
  Map<String, String> under(String prefix) {
    var out = new TreeMap<String, String>();
    labels.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && k.length() > prefix.length()) {
            out.put(k.substring(prefix.length()), v == null ? "" : v.strip());
          }
        });
    return out;
  }

  /** A whole-device count or size from allocatable, else capacity; absent if neither has it. */
  OptionalLong resource(String name) {
    Quantity q = allocatable.getOrDefault(name, capacity.get(name));
    if (q == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Quantity.getAmountInBytes(q).longValue());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  /** The machine's RAM as the kubelet counts it (capacity, not what is left for pods). */
  long memoryBytes() {
    Quantity q = capacity.get("memory");
    try {
      return q == null ? 0 : Math.max(0, Quantity.getAmountInBytes(q).longValue());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return 0;
    }
  }

  /** {@code value << shift} (MiB 20, GiB 30), or 0 where a label's number would overflow it. */
  static long bytes(long value, int shift) {
    return value > (Long.MAX_VALUE >> shift) ? 0 : value << shift;
  }

  static OptionalLong parse(String s) {
    try {
      long v = Long.parseLong(s.strip());
      return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
