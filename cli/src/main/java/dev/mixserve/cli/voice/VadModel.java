package dev.mixserve.cli.voice;

import dev.mixserve.api.engine.ModelFetcher;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.audio.SileroVad;

/**
 * The Silero VAD that `voice --listen` cuts its input with, runs on this machine: when it is
 * neither at hand nor to be downloaded, one sentence says what is missing and how to give it.
 */
public final class VadModel {
  private VadModel() {}

  /** Thrown when the model cannot be had; its message is the whole story, in one line. */
  public static final class Missing extends RuntimeException {
    Missing(String message) {
      super(message);
    }
  }

  public static SileroVad open(ModelFetcher fetcher) {
    try {
      return SileroVad.fetch(fetcher);
    } catch (ServeException | IllegalArgumentException e) {
      String why = e.getMessage().strip();
      throw new Missing(
          "missing model: the Silero VAD that --listen needs ("
              + SileroVad.modelReference()
              + "): "
              + (why.endsWith(".") ? why : why + ".")
              + " Give a local copy of its ONNX file with MIXSERVE_VAD_MODEL=PATH.");
    }
  }
}
