package dev.mixserve.gateway;

import java.util.List;

/**
 * What a config reload did, deployment names in each list.
 *
 * @param kept changed deployments whose new engine failed to load; their old one still serves
 */
public record Reload(
    long version,
    List<String> added,
    List<String> changed,
    List<String> removed,
    List<String> unchanged,
    List<String> kept) {
  /** What POST /-/reload answers. */
  public byte[] json() {
    return dev.mixserve.protocol.Json.write(
        g -> {
          g.writeStartObject();
          g.writeNumberField("version", version);
          for (var e :
              java.util.Map.of(
                      "added",
                      added,
                      "changed",
                      changed,
                      "removed",
                      removed,
                      "unchanged",
                      unchanged,
                      "kept_old",
                      kept)
                  .entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String n : e.getValue()) {
              g.writeString(n);
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        });
  }

  public String summary() {
    return "routes v"
        + version
        + ": added "
        + added
        + ", changed "
        + changed
        + ", removed "
        + removed
        + ", unchanged "
        + unchanged
        + (kept.isEmpty() ? "" : ", kept old (new failed to load) " + kept);
  }
}
