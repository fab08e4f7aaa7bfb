package dev.mixserve.gateway.auth;

import dev.mixserve.core.metrics.Counter;
import dev.mixserve.core.metrics.Family;
import dev.mixserve.core.metrics.Metrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers by key name and status. The names come from the operator's keys, never from a request (a
 * wrong key is {@code invalid}, a missing one {@code none}), and past {@link #MAX_NAMES} names
 * (keys files rotated for years) the rest count as {@code other}: a label a client cannot grow.
 */
public final class KeyMetrics {
  static final int MAX_NAMES = 500;

  private final Family<Counter> answers;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  public KeyMetrics(Metrics registry) {
    answers =
        registry.counter(
            "mixserve_key_requests_total",
            "Requests answered while API keys are on, by key name (none: no key, invalid: a key"
                + " the server does not hold) and HTTP status",
            "key",
            "status");
  }

  public void answered(Identity who, int status) {
    if (who == Identity.ANYONE) {
      return; // keys off: mixserve_requests_total says it all
    }
    answers.child(label(who.name()), Integer.toString(status)).inc();
  }

  private String label(String name) {
    if (seen.contains(name)) {
      return name;
    }
    if (seen.size() >= MAX_NAMES) {
      return "other";
    }
    seen.add(name);
    return name;
  }
}
