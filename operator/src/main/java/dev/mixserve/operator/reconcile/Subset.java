package dev.mixserve.operator.reconcile;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an object in the cluster already says everything the desired one says. The API server
 * adds defaults (a Service's clusterIP, a container's imagePullPolicy) and rewrites quantities in
 * canonical form (1024Mi is stored as 1Gi): neither is a difference worth a write, and a write that
 * changes nothing would still wake every watcher of the object.
 */
final class Subset {
  private Subset() {}

  static boolean contains(Object actual, Object desired) {
    if (desired == null) {
      return true;
    }
    if (empty(desired)) {
      return empty(actual);
    }
    return switch (desired) {
      case Map<?, ?> d ->
          actual instanceof Map<?, ?> a
              && d.entrySet().stream().allMatch(e -> contains(a.get(e.getKey()), e.getValue()));
      case List<?> d -> actual instanceof List<?> a && elementwise(a, d);
      case Number d -> actual instanceof Number a && a.toString().equals(d.toString());
      case String d -> actual instanceof String a && (a.equals(d) || sameQuantity(a, d));
      default -> Objects.equals(actual, desired);
    };
  }

  private static boolean elementwise(List<?> actual, List<?> desired) {
    if (actual.size() != desired.size()) {
      return false;
    }
    for (int i = 0; i < desired.size(); i++) {
      if (!contains(actual.get(i), desired.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Absent, null and empty are one thing to the API server, which drops empty lists and maps. */
  private static boolean empty(Object o) {
    return o == null
        || (o instanceof Map<?, ?> m && m.isEmpty())
        || (o instanceof List<?> l && l.isEmpty());
  }

  private static boolean sameQuantity(String a, String b) {
    if (a.isEmpty() || b.isEmpty() || !Character.isDigit(b.charAt(0))) {
      return false;
    }
    try {
      return new Quantity(a).getNumericalAmount().compareTo(new Quantity(b).getNumericalAmount())
          == 0;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false; // not quantities, and not equal
    }
  }
}
