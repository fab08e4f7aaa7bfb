package dev.mixserve.client;

import java.util.Optional;

/**
 * Server-sent events, one line at a time: {@code data:} lines are gathered until a blank line ends
 * the event. Comments ({@code :}) and other fields are skipped; OpenAI streams use data only.
 */
final class SseParser {
  private final StringBuilder data = new StringBuilder();
  private boolean any;

  /** Feeds one line (without its end of line); returns the event's data when the line ends one. */
  Optional<String> line(String line) {
    if (line.isEmpty()) {
      return flush();
    }
    if (line.startsWith("data:")) {
      String v = line.substring(5);
      if (any) {
        data.append('\n');
      }
      data.append(v.startsWith(" ") ? v.substring(1) : v);
      any = true;
    }
    return Optional.empty();
  }

  /** The event left open when the stream ended without a blank line, if any. */
  Optional<String> flush() {
    if (!any) {
      return Optional.empty();
    }
    String out = data.toString();
    data.setLength(0);
    any = false;
    return Optional.of(out);
  }
}
