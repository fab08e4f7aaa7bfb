package dev.mixserve.engine.audio;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Task;
import dev.mixserve.api.TestModels;
import dev.mixserve.audio.WavReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Shared test audio and deployments. */
final class Fixtures {
  private Fixtures() {}

  static Path shared(String path) {
    return TestModels.path(path);
  }

  static float[] audio(String path) {
    try {
      return WavReader.read(Files.readAllBytes(shared(path))).monoAt(16_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String path) {
    try {
      return Files.readString(shared(path)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Deployment deployment(Task task, String kind, String model, Map<String, Object> options) {
    return new Deployment(
        kind,
        "/" + kind,
        task,
        new EngineSpec(kind, model, options),
        null,
        null,
        1,
        null,
        null,
        null,
        null);
  }
}
