package dev.mixserve.gateway.audio;

import dev.mixserve.core.metrics.Counter;
import dev.mixserve.core.metrics.Family;
import dev.mixserve.core.metrics.Histogram;
import dev.mixserve.core.metrics.Metrics;

/** Audio seconds in and out, real-time factor per engine, and time to the first audio chunk. */
public final class AudioMetrics {
  private static final double[] RTF_BUCKETS = {
    0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 5, 10
  };

  private final Family<Counter> seconds;
  private final Family<Histogram> rtf;
  private final Family<Histogram> firstAudio;

  public AudioMetrics(Metrics registry) {
    seconds =
        registry.counter(
            "mixserve_audio_seconds_total",
            "Seconds of audio transcribed (in) or synthesised (out).",
            "deployment",
            "direction");
    rtf =
        registry.histogram(
            "mixserve_audio_real_time_factor",
            "Engine time divided by audio duration, per request; below 1 is faster than real time.",
            RTF_BUCKETS,
            "deployment",
            "engine");
    firstAudio =
        registry.histogram(
            "mixserve_tts_first_audio_seconds",
            "Time from request received to the first audio chunk sent.",
            Metrics.latencyBuckets(),
            "deployment");
  }

  void transcribed(String deployment, String engine, double audioSeconds, long nanos) {
    seconds.child(deployment, "in").add(audioSeconds);
    observeRtf(deployment, engine, audioSeconds, nanos);
  }

  void spoken(String deployment, String engine, double audioSeconds, long nanos) {
    seconds.child(deployment, "out").add(audioSeconds);
    observeRtf(deployment, engine, audioSeconds, nanos);
  }

  void firstAudio(String deployment, long nanos) {
    firstAudio.child(deployment).observeNanos(nanos);
  }

  private void observeRtf(String deployment, String engine, double audioSeconds, long nanos) {
    if (audioSeconds > 0) {
      rtf.child(deployment, engine).observe(nanos / 1e9 / audioSeconds);
    }
  }
}
