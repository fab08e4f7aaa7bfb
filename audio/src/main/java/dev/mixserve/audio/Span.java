package dev.mixserve.audio;

/** A stretch of audio in samples, {@code [start, end)}. */
public record Span(int start, int end) {
  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  public int length() {
    return end - start;
  }
}
