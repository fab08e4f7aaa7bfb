package dev.mixserve.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts long audio into pieces an engine with a bounded window (Whisper: 30 s) can take whole,
 * cutting only in silence found by the VAD. Speech spans follow Silero's own rules: start at p ≥
 * 0.5, end after 100 ms below 0.35, drop blips under 250 ms, pad 30 ms on each side.
 */
public final class SpeechChunker {
  private static final float ON = 0.5f;
  private static final float OFF = 0.35f;
  private static final int MIN_SILENCE = 1600; // samples: 100 ms
  private static final int MIN_SPEECH = 4000; // 250 ms
  private static final int PAD = 480; // 30 ms

  private final LazyVad vad;
  private final int maxSamples;

  public SpeechChunker(SileroVad vad, double maxSeconds) {
    this(LazyVad.of(vad), maxSeconds);
  }

  public SpeechChunker(LazyVad vad, double maxSeconds) {
    if (!(maxSeconds >= 1)) {
      throw new IllegalArgumentException("maxSeconds must be at least 1, got " + maxSeconds);
    }
    this.vad = vad;
    this.maxSamples = (int) (maxSeconds * 16_000);
  }

  /** Pieces of 16 kHz audio, in order, each at most maxSeconds; empty when there is no speech. */
  public List<Span> chunks(float[] pcm) {
    if (pcm.length <= maxSamples) {
      return List.of(new Span(0, pcm.length)); // fits whole: no need to guess at silences
    }
    var model = vad.get();
    if (model.isEmpty()) {
      return group(List.of(new Span(0, pcm.length))); // no VAD: fixed pieces, cut anywhere
    }
    return group(speech(model.get().probabilities(pcm), pcm.length));
  }

  /** Speech spans from per-window probabilities. */
  static List<Span> speech(float[] probs, int total) {
    var spans = new ArrayList<Span>();
    int start = -1;
    int silentSince = -1;
    for (int w = 0; w < probs.length; w++) {
      int at = w * SileroVad.WINDOW;
      if (probs[w] >= ON) {
        start = start < 0 ? at : start;
        silentSince = -1;
      } else if (start >= 0 && probs[w] < OFF) {
        silentSince = silentSince < 0 ? at : silentSince;
        if (at + SileroVad.WINDOW - silentSince >= MIN_SILENCE) {
          add(spans, start, silentSince, total);
          start = -1;
          silentSince = -1;
        }
      }
    }
    if (start >= 0) {
      add(spans, start, total, total);
    }
    return spans;
  }

  private static void add(List<Span> spans, int start, int end, int total) {
    if (end - start >= MIN_SPEECH) {
      int from = Math.max(spans.isEmpty() ? 0 : spans.getLast().end(), start - PAD);
      spans.add(new Span(from, Math.min(total, end + PAD)));
    }
  }

  /** Joins neighbouring spans while the result fits; splits spans that are longer on their own. */
  List<Span> group(List<Span> spans) {
    var chunks = new ArrayList<Span>();
    Span open = null;
    for (Span s : spans) {
      for (int from = s.start(); from < s.end(); from += maxSamples) {
        Span piece = new Span(from, Math.min(s.end(), from + maxSamples));
        if (open != null && piece.end() - open.start() <= maxSamples) {
          open = new Span(open.start(), piece.end());
        } else {
          if (open != null) {
            chunks.add(open);
          }
          open = piece;
        }
      }
    }
    if (open != null) {
      chunks.add(open);
    }
    return chunks;
  }
}
