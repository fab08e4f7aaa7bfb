package dev.mixserve.gateway.http;

import io.helidon.webserver.CloseConnectionException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Clients that go away early: a scraper that times out on /metrics, a player that stops listening
 * to /v1/audio/speech. That is routine, not a server fault: it was a SEVERE entry with a stack
 * trace per request (1.4 KB each), which flooded the log. Now it is a debug line, at most one per
 * kind every {@link #INTERVAL}, saying how many more went unlogged.
 */
public final class ClientGone {
  private static final System.Logger LOG = System.getLogger(ClientGone.class.getName());

  static final Duration INTERVAL = Duration.ofSeconds(10);

  /** What was going on; each kind has its own allowance. */
  public enum Kind {
    GONE("the client went away"),
    LATE_ERROR("an error came after the answer had started, so the client cannot be told");

    private final String text;

    Kind(String text) {
      this.text = text;
    }
  }

  private final LongSupplier nanoClock;
  private final Map<Kind, long[]> state = new EnumMap<>(Kind.class); // {next allowed, unlogged}

  public ClientGone() {
    this(System::nanoTime);
  }

  public ClientGone(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    for (Kind k : Kind.values()) {
      state.put(k, new long[] {Long.MIN_VALUE, 0});
    }
  }

  /**
   * Whether {@code e} says the connection is gone rather than that serving failed: I/O on the
   * request or response (our readers and writers throw {@link UncheckedIOException}), or Helidon's
   * own word that the connection closed, however deep an engine or the audio pump wrapped it.
   */
  public static boolean is(Throwable e) {
    if (e instanceof UncheckedIOException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CloseConnectionException) {
        return true;
      }
    }
    return false;
  }

  /** A debug line about {@code path}, unless one of this kind went out within the interval. */
  public void log(Kind kind, String path, Throwable e) {
    long unlogged;
    long[] s = state.get(kind);
    synchronized (s) {
      long now = nanoClock.getAsLong();
      if (s[0] != Long.MIN_VALUE && now - s[0] < 0) {
        s[1]++;
        return;
      }
      s[0] = now + INTERVAL.toNanos();
      unlogged = s[1];
      s[1] = 0;
    }
    LOG.log(
        Level.DEBUG,
        () ->
            kind.text
                + " on "
                + path
                + (e == null ? "" : " (" + e + ")")
                + (unlogged > 0 ? "; " + unlogged + " more like it since the last such line" : ""));
  }
}
