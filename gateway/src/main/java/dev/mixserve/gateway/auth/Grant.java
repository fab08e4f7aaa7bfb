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

  /**
   * OpenAI's x-ratelimit-{limit,remaining,reset}-{requests,tokens} for the key's limits as they
   * stand once this request is in (none without limits): OpenAI sends them on every answer, so that
   * a client can slow down before it is refused.
   */
  public java.util.List<Refusal.Header> rateHeaders() {
    return limiter == null ? java.util.List.of() : limiter.state();
  }

  /** The same as header lines, for the front door to add to a replica's answer. */
  public byte[] rateLines() {
    if (limiter == null) {
      return null; // every direct request asks: nothing to build for a key without limits
    }
    var sb = new StringBuilder();
    for (var h : rateHeaders()) {
      sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    return sb.isEmpty() ? null : sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Whether the key has a tokens-a-minute limit, so that its chats' tokens must be counted. */
  public boolean countsTokens() {
    return limiter != null && limiter.countsTokens();
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
