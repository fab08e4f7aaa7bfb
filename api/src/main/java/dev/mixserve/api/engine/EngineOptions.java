package dev.mixserve.api.engine;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a deployment's {@code engine.options} for an engine factory, with errors that name the
 * option the way the config file does ({@code engine.options.threads: ...}).
 */
public final class EngineOptions {
  private EngineOptions() {}

  /** Refuses any option outside {@code known}. */
  public static void allowOnly(Map<String, Object> options, Set<String> known) {
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "engine.options." + key + ": unknown option; expected one of " + new TreeSet<>(known));
      }
    }
  }

  /** A whole number in min..max, or {@code def} when absent. */
  public static int whole(Map<String, Object> options, String key, int def, int min, int max) {
    Object v = options.getOrDefault(key, (long) def);
    if (!(v instanceof Number n)
        || n.doubleValue() != n.longValue()
        || n.longValue() < min
        || n.longValue() > max) {
      throw new IllegalArgumentException(
          "engine.options."
              + key
              + ": expected a whole number in "
              + min
              + ".."
              + max
              + ", got "
              + v);
    }
    return n.intValue();
  }

  /** A number in min..max, or {@code def} when absent. */
  public static double number(
      Map<String, Object> options, String key, double def, double min, double max) {
    Object v = options.getOrDefault(key, def);
    if (!(v instanceof Number n) || !(n.doubleValue() >= min && n.doubleValue() <= max)) {
      throw new IllegalArgumentException(
          "engine.options." + key + ": expected a number in " + min + ".." + max + ", got " + v);
    }
    return n.doubleValue();
  }

  /** true or false, or {@code def} when absent. */
  public static boolean flag(Map<String, Object> options, String key, boolean def) {
    Object v = options.getOrDefault(key, def);
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException(
          "engine.options." + key + ": expected true or false, got " + v);
    }
    return b;
  }
}
