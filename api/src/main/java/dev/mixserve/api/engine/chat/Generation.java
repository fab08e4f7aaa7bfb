package dev.mixserve.api.engine.chat;

import java.time.Duration;

/**
 * One queued or running generation, read by one thread.
 *
 * <p>{@link #poll} throws {@link dev.mixserve.api.error.ServeException} when the engine fails.
 */
public interface Generation extends AutoCloseable {
  /**
   * The next event, waiting at most {@code timeout}; null when none came (the caller may then send
   * a keep-alive). After {@link ChatEvent.Finished} it must not be called again.
   */
  ChatEvent poll(Duration timeout) throws InterruptedException;

  /** Cancels the generation if it has not finished and frees its slot; idempotent. */
  @Override
  void close();
}
