package dev.mixserve.engine.whisper;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.api.engine.TranscriptionEngine;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.audio.ChunkedTranscriber;
import dev.mixserve.audio.LazyVad;
import dev.mixserve.audio.SpeechChunker;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * whisper.cpp on the CPU (or the GPU its native build supports). Whisper sees 30 s at a time, so
 * longer audio is cut in silences by the VAD and each piece is decoded on its own; segments stream
 * out per piece. A whisper context is not re-entrant: one request at a time per instance.
 */
public final class WhisperEngine implements TranscriptionEngine {
  private final String id;
  private final WhisperJNI whisper = new WhisperJNI();
  private final WhisperContext context;
  private final boolean multilingual;
  private final int threads;
  private final LazyVad vad;
  private final ChunkedTranscriber chunked;

  WhisperEngine(Path model, int threads, LazyVad vad) {
    this.vad = vad;
    this.chunked = new ChunkedTranscriber(new SpeechChunker(vad, 29));
    this.id = model.getFileName().toString();
    this.threads = threads;
    try {
      WhisperJNI.loadLibrary();
      this.context = whisper.init(model);
    } catch (IOException | UnsatisfiedLinkError e) {
      vad.close();
      throw ServeException.unavailable("whisper.cpp natives did not load: " + e.getMessage(), 3600);
    }
    if (context == null) {
      vad.close();
      throw new IllegalArgumentException("engine.model: whisper.cpp could not load " + model);
    }
    this.multilingual = whisper.isMultilingual(context);
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        id,
        Task.TRANSCRIPTION,
        "whisper-cpp",
        "Whisper (GGML) on whisper.cpp via whisper-jni"
            + (multilingual ? ", multilingual." : ", English only."),
        Map.of("multilingual", multilingual, "threads", threads, "sample_rate", SAMPLE_RATE));
  }

  @Override
  public boolean translates() {
    return multilingual;
  }

  @Override
  public synchronized Transcript transcribe(float[] pcm, Options options, SegmentSink sink) {
    String language =
        options.language() != null ? options.language() : multilingual ? "auto" : "en";
    return chunked.run(
        pcm,
        options,
        options.translate() ? "en" : language,
        (piece, o) -> decode(piece, o, language),
        sink);
  }

  private List<Segment> decode(float[] piece, Options o, String language) {
    var params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
    params.nThreads = threads;
    params.language = language;
    params.translate = o.translate();
    params.initialPrompt = o.prompt();
    params.temperature = (float) o.temperature();
    params.printProgress = false;
    params.printRealtime = false;
    params.printTimestamps = false;
    int rc = whisper.full(context, params, piece, piece.length);
    if (rc != 0) {
      throw ServeException.engineFailure("whisper_full returned " + rc, null);
    }
    var out = new ArrayList<Segment>();
    for (int i = 0; i < whisper.fullNSegments(context); i++) {
      double t0 = whisper.fullGetSegmentTimestamp0(context, i) / 100.0; // centiseconds
      double t1 = whisper.fullGetSegmentTimestamp1(context, i) / 100.0;
      out.add(
          new Segment(
              Math.max(0, t0), Math.max(t0, t1), whisper.fullGetSegmentText(context, i), null));
    }
    return out;
  }

  @Override
  public void close() {
    whisper.free(context);
    vad.close();
  }
}
