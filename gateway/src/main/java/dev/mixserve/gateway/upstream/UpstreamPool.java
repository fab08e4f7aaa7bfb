package dev.mixserve.gateway.upstream;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;

/** Kept-alive connections to one upstream base URL; the most recently used is handed out first. */
public final class UpstreamPool implements AutoCloseable {
  /** Under the shortest keep-alive timeout common among servers (uvicorn: 5 s). */
  private static final long MAX_IDLE_NANOS = Duration.ofSeconds(4).toNanos();

  private final URI base;
  private final Duration connectTimeout;
  private final LinkedBlockingDeque<UpstreamConnection> idle;
  private volatile boolean closed;

  public UpstreamPool(URI base, Duration connectTimeout, int maxIdle) {
    this.base = base;
    this.connectTimeout = connectTimeout;
    this.idle = new LinkedBlockingDeque<>(maxIdle);
  }

  URI base() {
    return base;
  }

  /** An idle connection, or a new one when none is left. */
  UpstreamConnection acquire() throws IOException {
    UpstreamConnection c;
    while ((c = idle.pollFirst()) != null) {
      if (c.idleNanos() < MAX_IDLE_NANOS) {
        return c;
      }
      c.close();
    }
    return fresh();
  }

  UpstreamConnection fresh() throws IOException {
    return UpstreamConnection.open(base, connectTimeout);
  }

  /** Takes back a connection whose last answer was read to its end. */
  void release(UpstreamConnection c) {
    c.idle();
    if (closed || !idle.offerFirst(c)) {
      c.close();
    } else if (closed && idle.remove(c)) {
      c.close(); // close() ran while we offered
    }
  }

  @Override
  public void close() {
    closed = true;
    UpstreamConnection c;
    while ((c = idle.pollFirst()) != null) {
      c.close();
    }
  }
}
