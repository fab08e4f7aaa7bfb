package dev.mixserve.audio;

import dev.mixserve.api.engine.ModelFetcher;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The VAD model, fetched the first time long audio needs it. Short audio never needs it, so a
 * server without the model (offline, first start) still transcribes; long audio then falls back to
 * fixed-length pieces, and the reason is logged once.
 */
public final class LazyVad implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LazyVad.class.getName());

  private final ModelFetcher fetcher;
  private SileroVad vad;
  private boolean tried;

  public LazyVad(ModelFetcher fetcher) {
    this.fetcher = fetcher;
  }

  /** A VAD already loaded, for callers that have one. */
  public static LazyVad of(SileroVad vad) {
    var lazy = new LazyVad(m -> null);
    lazy.vad = vad;
    lazy.tried = true;
    return lazy;
  }

  /** The model, or empty when it cannot be had. */
  public synchronized Optional<SileroVad> get() {
    if (!tried) {
      tried = true;
      try {
        vad = SileroVad.fetch(fetcher);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "no VAD model ("
                + e.getMessage()
                + "); long audio is cut into fixed-length pieces."
                + " Set MIXSERVE_VAD_MODEL to a silero_vad.onnx file to cut at silences.");
      }
    }
    return Optional.ofNullable(vad);
  }

  @Override
  public synchronized void close() {
    if (vad != null) {
      vad.close();
    }
  }
}
