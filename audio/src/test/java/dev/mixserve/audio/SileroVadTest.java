package dev.mixserve.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SileroVadTest {
  private static SileroVad vad;
  private static float[] jfk;

  @BeforeAll
  static void load() throws Exception {
    vad = SileroVad.load(TestModels.path("vad/silero_vad.onnx"));
    Path p = TestModels.path("audio/jfk.wav");
    jfk = WavReader.read(Files.readAllBytes(p)).monoAt(16_000);
  }

  @AfterAll
  static void close() {
    vad.close();
  }

  @Test
  void jfkHasItsFourPhrases() {
    float[] p = vad.probabilities(jfk);
    assertThat(p).hasSize(343);
    int speech = 0;
    for (float x : p) {
      speech += x > 0.5 ? 1 : 0;
    }
    assertThat(speech).isBetween(220, 245); // MANIFEST: 233 of 343
    List<Span> spans = SpeechChunker.speech(p, jfk.length);
    assertThat(spans).hasSizeBetween(4, 5);
  }

  @Test
  void silenceHasNoSpeech() {
    assertThat(SpeechChunker.speech(vad.probabilities(new float[16_000 * 3]), 48_000)).isEmpty();
  }

  @Test
  void longAudioIsCutInSilenceIntoPiecesThatFit() {
    float[] three = new float[jfk.length * 3]; // 33 s: JFK three times
    for (int i = 0; i < 3; i++) {
      System.arraycopy(jfk, 0, three, i * jfk.length, jfk.length);
    }
    var chunker = new SpeechChunker(vad, 12);
    List<Span> chunks = chunker.chunks(three);
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(chunks.get(i).length()).isLessThanOrEqualTo(12 * 16_000);
      if (i > 0) {
        assertThat(chunks.get(i).start()).isGreaterThanOrEqualTo(chunks.get(i - 1).end());
      }
    }
  }

  @Test
  void shortAudioIsOnePiece() {
    assertThat(new SpeechChunker(vad, 30).chunks(jfk)).containsExactly(new Span(0, jfk.length));
  }
}
