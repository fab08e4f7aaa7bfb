package dev.mixserve.api;

import java.util.Arrays;
import java.util.Locale;

/** What a deployment does; decides which protocol routes it answers. */
public enum Task {
  CHAT,
  TRANSCRIPTION,
  SPEECH,
  EMBEDDING,
  RERANK;

  /** The name used in config files and model cards. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Task parse(String text) {
    for (Task t : values()) {
      if (t.id().equals(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "expected one of "
            + Arrays.stream(values()).map(Task::id).toList()
            + ", got '"
            + text
            + "'");
  }
}
