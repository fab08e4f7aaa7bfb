package dev.mixserve.gateway.http;

import dev.mixserve.api.error.ServeException;

/**
 * Tells streamed answers that the server is about to go away. A drain that runs out of time closes
 * every connection; a stream cut there looked to its client like a network fault, with no end and
 * no reason. Told a little before, each stream ends itself: its last chunk, an error event saying
 * why, then the end of the response.
 *
 * <p>Streams look at {@link #reason()} between events. They wait at most their keep-alive interval
 * for one (the openai package's {@code ChatStream.KEEP_ALIVE}), so they are told {@link #NOTICE}
 * before the drain's deadline.
 */
public final class StreamCut {
  /** How long before the drain deadline open streams are told to end. */
  public static final java.time.Duration NOTICE = java.time.Duration.ofSeconds(2);

  private volatile ServeException reason;

  /** From now on, every stream ends at its next look, with {@code why} as its error. */
  public void cut(ServeException why) {
    reason = why;
  }

  /** Why streams must end now, or null while they may go on. */
  public ServeException reason() {
    return reason;
  }

  /** Thrown from a stream's callback to leave an engine that streams into it. */
  public static final class Ended extends RuntimeException {
    public final transient ServeException why;

    Ended(ServeException why) {
      super(why.getMessage(), null, false, false);
      this.why = why;
    }
  }

  /** Throws {@link Ended} once streams must end; for callbacks that an engine calls. */
  public void check() {
    var why = reason;
    if (why != null) {
      throw new Ended(why);
    }
  }

  /**
   * The {@link Ended} in {@code e}'s causes (engines may wrap what their callback threw), or null.
   */
  public static Ended in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Ended ended) {
        return ended;
      }
    }
    return null;
  }
}
