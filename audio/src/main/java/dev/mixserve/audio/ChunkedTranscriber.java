package dev.mixserve.audio;

import dev.mixserve.api.engine.TranscriptionEngine.Options;
import dev.mixserve.api.engine.TranscriptionEngine.Segment;
import dev.mixserve.api.engine.TranscriptionEngine.SegmentSink;
import dev.mixserve.api.engine.TranscriptionEngine.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a window-limited decoder over VAD-cut pieces of long audio, shifting each piece's segment
 * times to the whole file and handing segments on as each piece finishes.
 */
public final class ChunkedTranscriber {
  /** Decodes one piece; segment times are relative to the piece. */
  @FunctionalInterface
  public interface ChunkDecoder {
    List<Segment> decode(float[] piece, Options options);
  }

  private final SpeechChunker chunker;

  public ChunkedTranscriber(SpeechChunker chunker) {
    this.chunker = chunker;
  }

  public Transcript run(
      float[] pcm, Options options, String language, ChunkDecoder decoder, SegmentSink sink) {
    var all = new ArrayList<Segment>();
    for (Span span : chunker.chunks(pcm)) {
      float[] piece = Arrays.copyOfRange(pcm, span.start(), span.end());
      double offset = span.start() / 16_000.0;
      for (Segment s : decoder.decode(piece, options)) {
        Segment shifted = s.shift(offset);
        if (!shifted.text().isEmpty()) {
          all.add(shifted);
          sink.accept(shifted);
        }
      }
    }
    return Transcript.of(language, pcm.length / 16_000.0, all);
  }
}
