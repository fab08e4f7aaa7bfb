package dev.mixserve.engine.audio;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.api.engine.ModelFetcher;
import dev.mixserve.api.engine.TranscriptionEngine;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.audio.ChunkedTranscriber;
import dev.mixserve.audio.LazyVad;
import dev.mixserve.audio.PcmAudio;
import dev.mixserve.audio.SpeechChunker;
import java.util.List;
import java.util.Map;

/**
 * CMU PocketSphinx, US English, on the CPU. Long audio is cut at pauses by the VAD so that text
 * streams out piece by piece; each request gets a fresh decoder because a reused one carries
 * cepstral-mean state from the previous request and gives different text for the same audio.
 */
public final class PocketSphinxEngine implements TranscriptionEngine {
  private static final double PIECE_SECONDS = 30;

  private final String id;
  private final PocketSphinxLibrary lib;
  private final PocketSphinxModel model;
  private final LazyVad vad;
  private final ChunkedTranscriber chunked;

  PocketSphinxEngine(String id, PocketSphinxModel model, ModelFetcher fetcher) {
    this.id = id;
    this.lib = PocketSphinxLibrary.load();
    this.model = model;
    this.vad = new LazyVad(fetcher);
    this.chunked = new ChunkedTranscriber(new SpeechChunker(vad, PIECE_SECONDS));
    new PocketSphinxDecoder(lib, model.args()).close(); // fail at load, not at the first request
  }

  /**
   * Whether Debian's PocketSphinx and its en-us model are on this machine, so that a default config
   * can leave /whisper out rather than serve 503s.
   */
  public static boolean installed() {
    try {
      PocketSphinxModel.resolve("", Map.of());
      PocketSphinxLibrary.load();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        id,
        Task.TRANSCRIPTION,
        "pocketsphinx",
        "CMU PocketSphinx (libpocketsphinx via FFM), English only, word timings.",
        Map.of("language", "en", "lm", model.lm().toString(), "sample_rate", SAMPLE_RATE));
  }

  @Override
  public Transcript transcribe(float[] pcm, Options options, SegmentSink sink) {
    if (options.language() != null && !options.language().startsWith("en")) {
      throw ServeException.invalid(
          "language", "PocketSphinx here knows English only, not '" + options.language() + "'");
    }
    if (options.translate()) {
      throw ServeException.invalid("model", "PocketSphinx cannot translate");
    }
    try (var decoder = new PocketSphinxDecoder(lib, model.args())) {
      return chunked.run(pcm, options, "en", (piece, o) -> segments(decoder, piece), sink);
    }
  }

  private static List<Segment> segments(PocketSphinxDecoder decoder, float[] piece) {
    return Segmenter.segments(decoder.decode(PcmAudio.toShorts(piece)));
  }

  /** A fresh decoder per request makes it re-entrant; decoding is CPU-bound, so one per core. */
  @Override
  public int concurrency() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void close() {
    vad.close();
  }
}
