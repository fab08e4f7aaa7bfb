package dev.mixserve.client.voice;

import java.util.Locale;

/**
 * Where a voice answer's time went, in milliseconds from the start unless said otherwise.
 *
 * @param transcribe the /whisper call
 * @param firstToken from the end of transcription to the model's first text
 * @param answer from the end of transcription to the model's last text
 * @param firstAudio from the start until the first sentence's audio was ready
 * @param speech time /tts was busy, summed over sentences (it overlaps the answer)
 * @param total from the start until the whole answer's audio was ready
 */
public record VoiceTimings(
    long transcribe,
    long firstToken,
    long answer,
    long firstAudio,
    long speech,
    int sentences,
    long total) {
  public VoiceTimings {
    if (transcribe < 0 || answer < 0 || speech < 0 || total < 0 || sentences < 0) {
      throw new IllegalArgumentException("timings must not be negative");
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "transcribe %d ms, first token %d ms, answer %d ms, first audio %d ms, speech %d ms (%d sentences), total %d ms",
        transcribe,
        firstToken,
        answer,
        firstAudio,
        speech,
        sentences,
        total);
  }
}
