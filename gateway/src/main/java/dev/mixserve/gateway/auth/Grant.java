package dev.mixserve.gateway.auth;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request let in: it holds one of its key's concurrent slots until closed, and is charged the
 * chat tokens it used once they are known (after the close too: a stream's count comes last).
 * Closing it again does nothing.
 */
public final class Grant implements Verdict, AutoCloseable {
  /** For a request whose key has no limits, or when keys are off. */
  public static final Grant FREE = new Grant(null);

  private final Limiter limiter;
  private final AtomicBoolean closed = new AtomicBoolean();

  Grant(Limiter limiter) {
    this.limiter = limiter;
  }

  /** Counts {@code tokens} (prompt and completion) against the key's tokens a minute. */
  public void charge(long tokens) {
    if (limiter != null && tokens > 0) {
      limiter.charge(tokens);
    }
  }

  /**
   * Gives back the request itself, not only its slot: the front door let it in and then handed it
   * to the handler, which lets it in again, and one request must count once.
   */
  public void cancel() {
    if (limiter != null && closed.compareAndSet(false, true)) {
      limiter.refund();
    }
  }

  @Override
  public void close() {
    if (limiter != null && closed.compareAndSet(false, true)) {
      limiter.release();
    }
  }
}
