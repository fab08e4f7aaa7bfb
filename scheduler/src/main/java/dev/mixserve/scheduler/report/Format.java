package dev.mixserve.scheduler.report;

import java.util.Arrays;
import java.util.Locale;

/** How {@code mixserve plan} prints a plan. */
public enum Format {
  TABLE,
  MERMAID,
  JSON;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Format parse(String text) {
    for (Format f : values()) {
      if (f.id().equals(text)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "expected one of " + Arrays.stream(values()).map(Format::id).toList() + ", got " + text);
  }
}
