package dev.mixserve.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.error.ServeException;
import org.junit.jupiter.api.Test;

class SpeechChunkerFallbackTest {
  @Test
  void withoutAVadModelLongAudioIsCutIntoFixedPieces() {
    var offline =
        new LazyVad(
            ref -> {
              throw ServeException.unavailable("offline: cannot fetch " + ref, 60);
            });
    var chunker = new SpeechChunker(offline, 10);
    float[] seventySeconds = new float[70 * 16_000];
    assertThat(chunker.chunks(seventySeconds))
        .hasSize(7)
        .allMatch(s -> s.end() - s.start() == 10 * 16_000);
    assertThat(offline.get()).isEmpty();
  }

  @Test
  void shortAudioNeverAsksForTheModel() {
    var never =
        new LazyVad(
            ref -> {
              throw new AssertionError("fetched " + ref);
            });
    assertThat(new SpeechChunker(never, 30).chunks(new float[16_000]))
        .containsExactly(new Span(0, 16_000));
  }
}
