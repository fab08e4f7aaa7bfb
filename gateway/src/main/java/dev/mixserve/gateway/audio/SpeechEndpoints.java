package dev.mixserve.gateway.audio;

import dev.mixserve.api.engine.SpeechEngine;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.Endpoint;
import dev.mixserve.protocol.openai.SpeechRequest;
import dev.mixserve.protocol.openai.VoiceList;
import java.util.List;

/**
 * OpenAI POST /v1/audio/speech and GET /v1/audio/voices on a speech deployment. Audio is sent with
 * chunked transfer as the engine produces it; the response starts only with the first chunk, so an
 * error before any sound (unknown voice) is still a proper JSON error.
 */
public final class SpeechEndpoints {
  private SpeechEndpoints() {}

  static List<Endpoint> all(AudioMetrics audio) {
    return List.of(
        Endpoint.post("/v1/audio/speech", (c, rt) -> speak(c, rt, audio)),
        Endpoint.get("/v1/audio/voices", SpeechEndpoints::voices));
  }

  private static void voices(Call call, DeploymentRuntime rt) {
    var engine = (SpeechEngine) rt.engine();
    call.sendJson(
        200, VoiceList.write(rt.deployment().name(), engine.sampleRate(), engine.voices()));
  }

  private static void speak(Call call, DeploymentRuntime rt, AudioMetrics audio) {
    var req = SpeechRequest.parse(call.json());
    var engine = (SpeechEngine) rt.engine();
    long start = System.nanoTime();
    var request = new SpeechEngine.Request(req.input(), req.voice(), req.speed());
    int rate = engine.sampleRate();
    var stream = new SpeechStream(call, audio, req, rate, start, rt.deployment().name());
    var pump = new AudioPump();
    try {
      pump.run(() -> engine.speak(request, pump), stream);
    } catch (RuntimeException e) {
      stream.abort(); // before any audio this sends nothing, so the error still gets a JSON body
      throw e;
    }
    stream.finish();
    audio.spoken(
        rt.deployment().name(),
        engine.card().engine(),
        stream.samples() / (double) rate,
        System.nanoTime() - start);
  }
}
