package dev.mixserve.gateway.audio;

import dev.mixserve.api.engine.TranscriptionEngine;
import dev.mixserve.api.engine.TranscriptionEngine.Transcript;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.audio.AudioDecoder;
import dev.mixserve.audio.PcmAudio;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.Endpoint;
import dev.mixserve.gateway.http.Multipart;
import dev.mixserve.gateway.http.SseWriter;
import dev.mixserve.gateway.http.StreamCut;
import dev.mixserve.protocol.openai.OpenAiError;
import dev.mixserve.protocol.openai.TranscriptionRequest;
import dev.mixserve.protocol.openai.TranscriptionResponse;
import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenAI POST /v1/audio/transcriptions and /translations on a transcription deployment. */
public final class AudioEndpoints {
  /** Longer uploads are refused: past this, a client wants a batch job, not a request. */
  static final double MAX_AUDIO_SECONDS = 2 * 3600;

  private AudioEndpoints() {}

  public static List<Endpoint> transcription(AudioMetrics audio) {
    return List.of(
        Endpoint.post("/v1/audio/transcriptions", (c, rt) -> transcribe(c, rt, false, audio)),
        Endpoint.post("/v1/audio/translations", (c, rt) -> transcribe(c, rt, true, audio)));
  }

  public static List<Endpoint> speech(AudioMetrics audio) {
    return SpeechEndpoints.all(audio);
  }

  private static void transcribe(
      Call call, DeploymentRuntime rt, boolean translate, AudioMetrics audio) {
    var form = call.form();
    var req = TranscriptionRequest.parse(fields(form), translate);
    var engine = (TranscriptionEngine) rt.engine();
    if (translate && !engine.translates()) {
      throw ServeException.invalid(
          "model", rt.deployment().name() + " cannot translate; use /v1/audio/transcriptions");
    }
    var file = form.get("file");
    long size = file == null || file.isEmpty() ? 0 : file.getFirst().data().length;
    float[] pcm = call.parsing().run(size, () -> decode(file)); // decoding and resampling
    long start = System.nanoTime();
    Transcript t =
        req.stream() ? stream(call, engine, pcm, req) : engine.transcribe(pcm, req.options());
    if (t == null) {
      return; // the stream ended early, with an error event
    }
    audio.transcribed(
        rt.deployment().name(), engine.card().engine(), t.duration(), System.nanoTime() - start);
    if (!req.stream()) {
      call.response().status(200);
      call.response().header(HeaderNames.CONTENT_TYPE, req.format().contentType());
      call.response().send(TranscriptionResponse.write(req, t, translate));
    }
  }

  private static float[] decode(List<Multipart.Part> file) {
    if (file == null || file.isEmpty()) {
      throw ServeException.invalid("file", "'file' is required: the audio, as a multipart part");
    }
    PcmAudio audio = AudioDecoder.decode(file.getFirst().data(), MAX_AUDIO_SECONDS);
    if (audio.seconds() > MAX_AUDIO_SECONDS) {
      throw ServeException.invalid(
          "file",
          String.format(
              "the audio is %.0f s long; at most %.0f s are accepted",
              audio.seconds(), MAX_AUDIO_SECONDS));
    }
    return audio.monoAt(TranscriptionEngine.SAMPLE_RATE);
  }

  /**
   * Server-sent events: one delta per segment as the engine finishes it, then the whole text. A
   * failure after the first event, or the server going away ({@link StreamCut}, looked at between
   * segments), ends the stream with an error event instead; then this returns null.
   */
  private static Transcript stream(
      Call call, TranscriptionEngine engine, float[] pcm, TranscriptionRequest req) {
    var cut = call.streamCut();
    try (var sse = new SseWriter(call.response())) {
      try {
        cut.check();
        Transcript t =
            engine.transcribe(
                pcm,
                req.options(),
                s -> {
                  cut.check();
                  sse.event(TranscriptionResponse.deltaEvent(s.text() + " "));
                });
        sse.event(TranscriptionResponse.doneEvent(t.text()));
        return t;
      } catch (RuntimeException e) {
        var ended = StreamCut.in(e);
        ServeException why = ended != null ? ended.why : e instanceof ServeException se ? se : null;
        if (why == null) {
          throw e;
        }
        if (!sse.opened()) {
          throw why;
        }
        sse.data(OpenAiError.body(why));
        return null;
      }
    }
  }

  static void write(OutputStream out, byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, List<String>> fields(Map<String, List<Multipart.Part>> form) {
    var out = new LinkedHashMap<String, List<String>>();
    form.forEach(
        (name, parts) -> {
          if (!name.equals("file")) {
            out.put(name, parts.stream().map(Multipart.Part::text).toList());
          }
        });
    return out;
  }
}
