package dev.mixserve.audio;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mixserve.api.engine.ModelFetcher;
import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Silero VAD v5 on ONNX Runtime: speech probability per 32 ms window at 16 kHz. The model is
 * recurrent, so windows are fed in order with the state carried; each window is prefixed by the
 * last 64 samples of the one before, as the model was trained. The session is shared; the state
 * lives per call, so calls may run in parallel.
 */
public final class SileroVad implements AutoCloseable {
  public static final int WINDOW = 512;
  private static final int CONTEXT = 64;

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  private SileroVad(byte[] model) {
    try (var options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1); // tiny model: threads cost more than they give
      this.session = env.createSession(model, options);
    } catch (OrtException e) {
      throw ServeException.engineFailure("cannot load Silero VAD: " + e.getMessage(), e);
    }
  }

  /**
   * Where the model comes from unless MIXSERVE_VAD_MODEL (or -Dmixserve.vad.model) names a path or
   * another hf:// URI: the ONNX export of snakers4/silero-vad (MIT), fetched once into the cache.
   * Model weights are not committed to this repository.
   */
  public static final String DEFAULT_MODEL = "hf://onnx-community/silero-vad/onnx/model.onnx";

  /** The model reference in force: the system property, the environment, or the default. */
  public static String modelReference() {
    String prop = System.getProperty("mixserve.vad.model");
    if (prop != null && !prop.isBlank()) {
      return prop;
    }
    String env = System.getenv("MIXSERVE_VAD_MODEL");
    return env != null && !env.isBlank() ? env : DEFAULT_MODEL;
  }

  /** Loads the configured model through {@code fetcher} (a path as is, hf:// downloaded once). */
  public static SileroVad fetch(ModelFetcher fetcher) {
    return load(fetcher.fetch(modelReference()));
  }

  public static SileroVad load(Path onnx) {
    try {
      return new SileroVad(Files.readAllBytes(onnx));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read VAD model " + onnx + ": " + e.getMessage());
    }
  }

  /** One probability per whole window of 16 kHz mono audio [pcm.length / 512]. */
  public float[] probabilities(float[] pcm) {
    float[] probs = new float[pcm.length / WINDOW];
    float[] input = new float[CONTEXT + WINDOW];
    float[] state = new float[2 * 128]; // [2, batch=1, 128]
    try (OnnxTensor sr = OnnxTensor.createTensor(env, 16_000L)) {
      for (int w = 0; w < probs.length; w++) {
        System.arraycopy(input, WINDOW, input, 0, CONTEXT); // last 64 samples become context
        System.arraycopy(pcm, w * WINDOW, input, CONTEXT, WINDOW);
        probs[w] = step(input, state, sr);
      }
    } catch (OrtException e) {
      throw ServeException.engineFailure("Silero VAD failed: " + e.getMessage(), e);
    }
    return probs;
  }

  private float step(float[] input, float[] state, OnnxTensor sr) throws OrtException {
    try (var in =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, input.length});
        var st = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), new long[] {2, 1, 128});
        var out = session.run(Map.of("input", in, "state", st, "sr", sr))) {
      float p = ((float[][]) out.get("output").orElseThrow().getValue())[0][0];
      FloatBuffer next = ((OnnxTensor) out.get("stateN").orElseThrow()).getFloatBuffer();
      next.get(state);
      return p;
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // closing a session only fails when it is already gone; nothing to release
    }
  }
}
