package dev.mixserve.api.engine;

import java.util.List;
import java.util.Objects;

/**
 * Speech to text. Input is 16 kHz mono PCM; the host decodes and resamples uploads before calling.
 * Implementations that are not re-entrant say so with {@link #concurrency()} and the host runs one
 * request at a time on them.
 */
public interface TranscriptionEngine extends Engine {
  /** The only input rate engines are given. */
  int SAMPLE_RATE = 16_000;

  /**
   * What the client asked for.
   *
   * @param language ISO-639-1 code, or null to let the engine decide
   * @param prompt text that primes the decoder (previous context, spellings), or null
   * @param temperature sampling temperature, 0 for greedy
   * @param translate whether to produce English text from speech in any language
   * @param words whether word timings are wanted (engines may ignore this when they cannot)
   */
  record Options(
      String language, String prompt, double temperature, boolean translate, boolean words) {
    public static final Options DEFAULT = new Options(null, null, 0, false, false);

    public Options {
      if (!(temperature >= 0 && temperature <= 1)) {
        throw new IllegalArgumentException("temperature must be in 0..1, got " + temperature);
      }
      language = language == null || language.isBlank() ? null : language.strip();
      prompt = prompt == null || prompt.isBlank() ? null : prompt;
    }
  }

  /** A word with its time span in seconds from the start of the audio. */
  record Word(String word, double start, double end) {
    public Word {
      Objects.requireNonNull(word, "word");
      checkSpan(start, end);
    }
  }

  /**
   * A stretch of recognised speech.
   *
   * @param start seconds from the start of the audio
   * @param end seconds from the start of the audio, {@code >= start}
   * @param text the text, without leading or trailing blanks
   * @param words word timings, empty when the engine gives none
   */
  record Segment(double start, double end, String text, List<Word> words) {
    public Segment {
      checkSpan(start, end);
      text = Objects.requireNonNull(text, "text").strip();
      words = List.copyOf(words == null ? List.of() : words);
    }

    /** The same segment moved later by {@code seconds}; used when audio is cut into pieces. */
    public Segment shift(double seconds) {
      return new Segment(
          start + seconds,
          end + seconds,
          text,
          words.stream().map(w -> new Word(w.word(), w.start + seconds, w.end + seconds)).toList());
    }
  }

  /**
   * The whole result.
   *
   * @param text all segment texts joined by single spaces
   * @param language the language spoken (or asked for), null when unknown
   * @param duration seconds of audio read
   * @param segments in time order
   */
  record Transcript(String text, String language, double duration, List<Segment> segments) {
    public Transcript {
      Objects.requireNonNull(text, "text");
      segments = List.copyOf(segments);
    }

    public static Transcript of(String language, double duration, List<Segment> segments) {
      String text =
          String.join(" ", segments.stream().map(Segment::text).filter(t -> !t.isEmpty()).toList());
      return new Transcript(text, language, duration, segments);
    }
  }

  /** Receives segments as the engine produces them, before the whole audio is done. */
  @FunctionalInterface
  interface SegmentSink {
    SegmentSink IGNORE = s -> {};

    void accept(Segment segment);
  }

  /** Whether {@link Options#translate()} is honoured; if not, the host answers 400. */
  default boolean translates() {
    return false;
  }

  /** How many requests may run at once on this instance; 1 for engines that are not re-entrant. */
  default int concurrency() {
    return 1;
  }

  /**
   * Transcribes 16 kHz mono samples in [-1, 1], handing each segment to {@code sink} as soon as it
   * is known, and returns all of them at the end.
   */
  Transcript transcribe(float[] pcm, Options options, SegmentSink sink);

  /** Transcribes without progressive delivery. */
  default Transcript transcribe(float[] pcm, Options options) {
    return transcribe(pcm, options, SegmentSink.IGNORE);
  }

  /** Transcribes 16-bit samples; see {@link #transcribe(float[], Options, SegmentSink)}. */
  default Transcript transcribe(short[] pcm, Options options, SegmentSink sink) {
    float[] f = new float[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      f[i] = pcm[i] / 32768f;
    }
    return transcribe(f, options, sink);
  }

  private static void checkSpan(double start, double end) {
    if (!(start >= 0 && end >= start)) {
      throw new IllegalArgumentException("bad time span " + start + ".." + end);
    }
  }
}
