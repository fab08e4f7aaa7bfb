package dev.mixserve.engine.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Task;
import dev.mixserve.api.TestModels;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.TranscriptionEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader against whisper.cpp's weightless test models: they have real headers and vocabulary
 * but no tensors, so loading works and transcription would be meaningless; no real Whisper weights
 * are available offline here.
 */
class WhisperEngineTest {
  static final Path NOWEIGHTS = TestModels.dir().resolve("whisper-ggml-noweights");

  static TranscriptionEngine create(String model) {
    var d =
        new Deployment(
            "whisper",
            "/whisper",
            Task.TRANSCRIPTION,
            new EngineSpec("whisper-cpp", model, Map.of("threads", 1L)),
            null,
            null,
            1,
            null,
            null,
            null,
            null);
    return (TranscriptionEngine)
        new WhisperFactory().create(d, new EngineContext(Path.of("target"), Map.of()));
  }

  @Test
  void loadsTheWeightlessMultilingualAndEnglishModels() {
    try (var e = create(NOWEIGHTS.resolve("for-tests-ggml-tiny.bin").toString())) {
      assertThat(e.card().engine()).isEqualTo("whisper-cpp");
      assertThat(e.card().details()).containsEntry("multilingual", true);
      assertThat(e.translates()).isTrue();
    }
    try (var e = create(NOWEIGHTS.resolve("for-tests-ggml-tiny.en.bin").toString())) {
      assertThat(e.card().details()).containsEntry("multilingual", false);
      assertThat(e.translates()).isFalse();
    }
  }

  @Test
  void badModelsAreClearErrors(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("model.bin"), "not a model");
    assertThatThrownBy(() -> create(text.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a GGML Whisper model");
    assertThatThrownBy(() -> create(dir.resolve("missing.bin").toString()))
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> create("hf://ggerganov/whisper.cpp/ggml-tiny.bin"))
        .hasMessageContaining("no downloader configured");
    assertThatThrownBy(() -> create("")).hasMessageContaining("GGML Whisper model is required");
    Path truncated = Files.write(dir.resolve("trunc.bin"), new byte[] {'l', 'm', 'g', 'g', 1, 2});
    assertThatThrownBy(() -> create(truncated.toString()))
        .hasMessageContaining("truncated GGML Whisper model");
    byte[] real = Files.readAllBytes(NOWEIGHTS.resolve("for-tests-ggml-tiny.bin"));
    Path half = Files.write(dir.resolve("half.bin"), java.util.Arrays.copyOf(real, 30_000));
    assertThatThrownBy(() -> create(half.toString())).hasMessageContaining("truncated");
  }
}
