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
