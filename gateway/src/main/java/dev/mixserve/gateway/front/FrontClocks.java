package dev.mixserve.gateway.front;

import dev.mixserve.api.Edge;

/**
 * The edge's clocks for one client connection (System.nanoTime): when each phase began and when it
 * last moved, and which limit of the {@link Edge} a phase has run past.
 */
public final class FrontClocks {
  /** After its last answer, a closing connection is read at most this long for the client's end. */
  private static final long LINGER_NANOS = 5_000_000_000L;

  private final Edge edge;
  private long idleSince = System.nanoTime();
  private long headStart;
  private long bodyStart;
  private long lastBodyRead;
  private long pausedSince;
  private long lastWrite;
  private long lingerStart;

  FrontClocks(Edge edge) {
    this.edge = edge;
  }

  void idle(long now) {
    idleSince = now;
  }

  /** A byte of a head came; the first one starts the head's clock. */
  void headByte(long now) {
    if (headStart == 0) {
      headStart = now;
    }
  }

  void headDone() {
    headStart = 0;
  }

  void bodyStart(long now) {
    bodyStart = lastBodyRead = now;
  }

  void bodyRead(long now) {
    lastBodyRead = now;
  }

  void pause(long now) {
    pausedSince = now;
  }

  /** Reading resumes: the client cannot have been slow while it was not read. */
  void resume(long now) {
    bodyStart += now - pausedSince;
    lastBodyRead = now;
  }

  void wrote(long now) {
    lastWrite = now;
  }

  void linger(long now) {
    lingerStart = now;
  }

  /** nginx's keepalive_timeout: no request for this long on a connection with nothing pending. */
  boolean idleTooLong(long now) {
    return now - idleSince > edge.keepAliveTimeout().toNanos();
  }

  /** nginx's send_timeout: the client has taken nothing of its answer for this long. */
  boolean sendStalled(long now) {
    return now - lastWrite > edge.sendTimeout().toNanos();
  }

  boolean lingeredEnough(long now) {
    return now - lingerStart > LINGER_NANOS;
  }

  /** nginx's client_header_timeout, counted from the head's first byte; why it passed, or null. */
  String headLate(long now) {
    if (headStart != 0 && now - headStart > edge.headerTimeout().toNanos()) {
      return "the request head did not arrive within " + edge.headerTimeout().toMillis() + " ms";
    }
    return null;
  }

  /**
   * nginx's client_body_timeout (between reads), and a minimum average rate once it has passed, so
   * that a byte every few seconds is not an upload; why the body is late, or null.
   */
  String bodyLate(long now, long received) {
    long gap = edge.bodyTimeout().toNanos();
    if (now - lastBodyRead > gap) {
      return "no byte of the request body came for " + edge.bodyTimeout().toMillis() + " ms";
    }
    if (edge.bodyMinRate() > 0
        && now - bodyStart > gap + received * 1_000_000_000L / edge.bodyMinRate()) {
      return "the request body came slower than " + edge.bodyMinRate() + " bytes/s";
    }
    return null;
  }
}
