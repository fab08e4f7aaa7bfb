package dev.mixserve.scheduler.inventory;

import java.util.Objects;

/**
 * Where detection and the config disagree, and what was done about it.
 *
 * @param node node name
 * @param message e.g. "amd #0 (gfx1035): declared 8 GiB, detected 12 GiB; using detected"
 */
public record Finding(String node, String message) {
  public Finding {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return node + ": " + message;
  }
}
