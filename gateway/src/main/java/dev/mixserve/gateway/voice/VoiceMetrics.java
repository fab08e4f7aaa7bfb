package dev.mixserve.gateway.voice;

import dev.mixserve.client.voice.VoiceTimings;
import dev.mixserve.core.metrics.Family;
import dev.mixserve.core.metrics.Histogram;
import dev.mixserve.core.metrics.Metrics;

/**
 * Per-stage time of POST /voice/v1/chat. Each stage's own request is also counted by its
 * deployment's metrics (it goes through the gateway like any other); these say where a voice
 * answer's time went.
 */
public final class VoiceMetrics {
  private final Family<Histogram> stages;

  public VoiceMetrics(Metrics registry) {
    stages =
        registry.histogram(
            "mixserve_voice_stage_seconds",
            "Time of each stage of POST /voice/v1/chat: transcribe, first_token, answer,"
                + " first_audio, speech (summed over sentences), total.",
            Metrics.latencyBuckets(),
            "stage");
  }

  void record(VoiceTimings t) {
    observe("transcribe", t.transcribe());
    observe("first_token", t.firstToken());
    observe("answer", t.answer());
    observe("first_audio", t.firstAudio());
    observe("speech", t.speech());
    observe("total", t.total());
  }

  private void observe(String stage, long millis) {
    stages.child(stage).observe(millis / 1000.0);
  }
}
