package dev.mixserve.cli.voice;

import java.util.Optional;

/**
 * Where a spoken utterance ends in live audio, from the VAD's speech probability per 32 ms window:
 * speech starts at a window ≥ 0.5 and the utterance ends once {@code silenceWindows} windows in a
 * row fall below 0.35 (Silero's own thresholds). Pure, so the live loop's cutting is tested without
 * audio.
 *
 * @param silenceWindows how many quiet windows end an utterance (19 ≈ 600 ms)
 */
public record Utterances(int silenceWindows) {
  static final float START = 0.5f;
  static final float END = 0.35f;

  public Utterances {
    if (silenceWindows < 1) {
      throw new IllegalArgumentException("silenceWindows must be at least 1");
    }
  }

  /** A finished utterance: windows {@code [start, end)}. */
  public record Span(int start, int end) {}

  /** The first finished utterance in {@code probs}, if speech has started and then stopped. */
  public Optional<Span> finished(float[] probs) {
    int start = firstSpeech(probs);
    if (start < 0) {
      return Optional.empty();
    }
    int quiet = 0;
    for (int i = start; i < probs.length; i++) {
      quiet = probs[i] < END ? quiet + 1 : 0;
      if (quiet == silenceWindows) {
        return Optional.of(new Span(start, i + 1 - quiet));
      }
    }
    return Optional.empty();
  }

  /** Whether any window holds speech (what is left at the end of input is spoken if so). */
  public boolean hasSpeech(float[] probs) {
    return firstSpeech(probs) >= 0;
  }

  private static int firstSpeech(float[] probs) {
    for (int i = 0; i < probs.length; i++) {
      if (probs[i] >= START) {
        return i;
      }
    }
    return -1;
  }
}
