package dev.mixserve.gateway;

import dev.mixserve.api.engine.SpeechEngine;
import dev.mixserve.audio.WavWriter;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.protocol.openai.SpeechEvents;
import dev.mixserve.protocol.openai.SpeechRequest;
import dev.mixserve.protocol.openai.VoiceList;
import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * OpenAI POST /v1/audio/speech and GET /v1/audio/voices on a speech deployment. Audio is sent with
 * chunked transfer as the engine produces it; the response starts only with the first chunk, so an
 * error before any sound (unknown voice) is still a proper JSON error.
 */
final class SpeechEndpoints {
  private SpeechEndpoints() {}

  static List<Endpoint> all() {
    return List.of(
        Endpoint.post("/v1/audio/speech", SpeechEndpoints::speak),
        Endpoint.get("/v1/audio/voices", SpeechEndpoints::voices));
  }

  private static void voices(Call call, DeploymentRuntime rt) {
    var engine = (SpeechEngine) rt.engine();
    call.sendJson(
        200, VoiceList.write(rt.deployment().name(), engine.sampleRate(), engine.voices()));
  }

  private static void speak(Call call, DeploymentRuntime rt) {
    var req = SpeechRequest.parse(call.json());
    var engine = (SpeechEngine) rt.engine();
    long start = System.nanoTime();
    var stream = new AudioStream(call, req, engine.sampleRate(), start, rt.deployment().name());
    try {
      engine.speak(new SpeechEngine.Request(req.input(), req.voice(), req.speed()), stream::send);
    } catch (RuntimeException e) {
      stream.abort(); // before any audio this sends nothing, so the error still gets a JSON body
      throw e;
    }
    stream.finish();
    call.audio()
        .spoken(
            rt.deployment().name(),
            engine.card().engine(),
            stream.samples() / (double) engine.sampleRate(),
            System.nanoTime() - start);
  }

  /** The response body, opened at the first chunk. */
  private static final class AudioStream {
    private final Call call;
    private final SpeechRequest req;
    private final int rate;
    private final long start;
    private final String deployment;
    private OutputStream out;
    private long samples;

    AudioStream(Call call, SpeechRequest req, int rate, long start, String deployment) {
      this.call = call;
      this.req = req;
      this.rate = rate;
      this.start = start;
      this.deployment = deployment;
    }

    long samples() {
      return samples;
    }

    void send(short[] chunk) {
      if (out == null) {
        open();
      }
      samples += chunk.length;
      emit(WavWriter.littleEndian(chunk));
    }

    private void open() {
      var res = call.response();
      res.status(200);
      res.header(HeaderNames.create("X-Sample-Rate"), Integer.toString(rate));
      res.header(
          HeaderNames.CONTENT_TYPE,
          req.sse() ? "text/event-stream" : req.format().equals("wav") ? "audio/wav" : "audio/pcm");
      out = res.outputStream();
      call.audio().firstAudio(deployment, System.nanoTime() - start);
      if (req.format().equals("wav")) {
        emit(WavWriter.header(rate, WavWriter.UNKNOWN_LENGTH));
      }
    }

    private void emit(byte[] bytes) {
      AudioEndpoints.write(out, req.sse() ? SpeechEvents.delta(bytes) : bytes);
    }

    /** Ends a response that already started; the client sees a cut-off body. */
    void abort() {
      if (out != null) {
        try {
          out.close();
        } catch (IOException e) {
          // the client is gone or the stream broke; the error is logged by the gateway
        }
      }
    }

    void finish() {
      if (out == null) {
        open(); // nothing was spoken: still a valid, empty answer
      }
      if (req.sse()) {
        AudioEndpoints.write(out, SpeechEvents.done());
      }
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
