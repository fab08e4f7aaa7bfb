package dev.mixserve.cli.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UtterancesTest {
  private final Utterances cutter = new Utterances(3);

  @Test
  void anUtteranceEndsAfterEnoughQuietWindows() {
    float[] p = {0.1f, 0.9f, 0.8f, 0.2f, 0.9f, 0.1f, 0.1f, 0.1f, 0.0f};
    assertThat(cutter.finished(p)).contains(new Utterances.Span(1, 5));
  }

  @Test
  void aShortPauseDoesNotCut() {
    float[] p = {0.9f, 0.1f, 0.1f, 0.9f, 0.9f};
    assertThat(cutter.finished(p)).isEmpty();
    assertThat(cutter.hasSpeech(p)).isTrue();
  }

  @Test
  void silenceIsNoUtterance() {
    float[] p = {0.1f, 0.2f, 0.3f, 0.1f, 0.1f};
    assertThat(cutter.finished(p)).isEmpty();
    assertThat(cutter.hasSpeech(p)).isFalse();
  }

  @Test
  void answersAreNumbered() {
    assertThat(VoiceTurn.numbered(Path.of("out/answer.wav"), 2))
        .isEqualTo(Path.of("out/answer-2.wav"));
    assertThat(VoiceTurn.numbered(Path.of("answer"), 1)).isEqualTo(Path.of("answer-1"));
  }
}
