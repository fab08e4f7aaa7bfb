package dev.mixserve.api.engine;

/** A loaded model. Engines own native memory, so closing them is not optional. */
public interface Engine extends AutoCloseable {
  /** What this engine serves, for /v1/models and the status API. */
  ModelCard card();

  /** Frees native resources; never throws. */
  @Override
  void close();
}
