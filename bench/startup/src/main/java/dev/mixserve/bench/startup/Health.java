package dev.mixserve.bench.startup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Deployment states out of /-/healthz: {@code "deployments":{"NAME":"ready",...}}. */
final class Health {
  private Health() {}

  /** Each name's state, or "" where the body does not name it (yet). */
  static Map<String, String> states(String body, List<String> names) {
    var out = new LinkedHashMap<String, String>();
    for (String name : names) {
      var m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
      out.put(name, m.find() ? m.group(1) : "");
    }
    return out;
  }

  static boolean allReady(Map<String, String> states) {
    return states.values().stream().allMatch("ready"::equals);
  }

  /** The first deployment whose state says it failed, or null. */
  static String firstFailed(Map<String, String> states) {
    return states.entrySet().stream()
        .filter(e -> e.getValue().startsWith("failed"))
        .map(e -> e.getKey() + " " + e.getValue())
        .findFirst()
        .orElse(null);
  }
}
