package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mixserve voice` with what it needs on this machine missing: one line each, no server (#20). */
class VoiceCommandTest {
  @TempDir Path tmp;

  @AfterEach
  void clear() {
    System.clearProperty("mixserve.vad.model");
    System.clearProperty("mixserve.hf.endpoint");
  }

  @Test
  void aMissingQuestionFileIsNamed() {
    var r = Run.of("voice", "--in", "question.wav", "--out", tmp.resolve("a.wav").toString());
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).isEqualTo("error: no such file: question.wav" + System.lineSeparator());
  }

  @Test
  void aVadModelPathThatIsNotThereIsAMissingModel() {
    System.setProperty("mixserve.vad.model", tmp.resolve("silero_vad.onnx").toString());
    var r = listen();
    assertThat(r.code()).isEqualTo(6);
    assertOneLine(r.err());
    assertThat(r.err()).contains("silero_vad.onnx", "MIXSERVE_VAD_MODEL=PATH");
  }

  @Test
  void anOfflineDownloadOfTheVadModelIsAMissingModel() throws IOException {
    int closed;
    try (var s = new ServerSocket(0)) {
      closed = s.getLocalPort(); // nothing listens there once closed: as offline as it gets
    }
    System.setProperty("mixserve.hf.endpoint", "http://127.0.0.1:" + closed);
    System.setProperty("mixserve.vad.model", "hf://mixserve-test/no-such-vad/model.onnx");
    var r = listen();
    assertThat(r.code()).isEqualTo(6);
    assertOneLine(r.err());
    assertThat(r.err())
        .startsWith("error: missing model: the Silero VAD")
        .contains("hf://mixserve-test/no-such-vad/model.onnx", "MIXSERVE_VAD_MODEL=PATH");
  }

  @Test
  void theExitCodesAreInTheHelp() {
    assertThat(Run.of("voice", "--help").out().replaceAll("\\s+", " "))
        .contains("5 bad or empty audio (no such file), 6 missing model");
  }

  private Run listen() {
    return Run.of(
        "voice",
        "--listen",
        "--url",
        "http://127.0.0.1:9",
        "--out",
        tmp.resolve("a.wav").toString());
  }

  private static void assertOneLine(String err) {
    assertThat(err.lines().toList()).as(err).hasSize(1);
    assertThat(err).doesNotContain("\tat ", "Exception in thread");
  }
}
