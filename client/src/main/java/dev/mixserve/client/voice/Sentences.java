package dev.mixserve.client.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts streamed text into sentences as they complete, so that speech of the first sentence can be
 * made while the model still writes the next: a sentence ends at . ! ? or a line break followed by
 * white space (so that 3.14 and "e.g." inside words do not cut), or at the end of the text.
 */
public final class Sentences {
  private final StringBuilder pending = new StringBuilder();
  private final Consumer<String> sink;

  public Sentences(Consumer<String> sink) {
    this.sink = sink;
  }

  public void feed(String piece) {
    pending.append(piece);
    int end;
    while ((end = boundary()) >= 0) {
      emit(pending.substring(0, end));
      pending.delete(0, end);
    }
  }

  /** Ends the text: whatever is left is the last sentence. */
  public void finish() {
    emit(pending.toString());
    pending.setLength(0);
  }

  public static List<String> split(String text) {
    var out = new ArrayList<String>();
    var s = new Sentences(out::add);
    s.feed(text);
    s.finish();
    return out;
  }

  private int boundary() {
    for (int i = 0; i + 1 < pending.length(); i++) {
      char c = pending.charAt(i);
      boolean end = c == '.' || c == '!' || c == '?' || c == '\n';
      if (end && Character.isWhitespace(pending.charAt(i + 1))) {
        return i + 1;
      }
    }
    return -1;
  }

  private void emit(String s) {
    String t = s.strip();
    if (t.chars().anyMatch(Character::isLetterOrDigit)) {
      sink.accept(t);
    }
  }
}
