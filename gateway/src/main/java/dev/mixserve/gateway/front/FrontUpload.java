package dev.mixserve.gateway.front;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.SelectionKey;

/**
 * A request body on its way from a client to the handler as it comes, framed by a {@link
 * FrontBody}: reading from the client pauses while the handler has not taken what came, and the
 * edge's body clock stops with it.
 */
final class FrontUpload {
  private final FrontBody body;
  private final SelectionKey key;
  private final FrontClocks clocks;
  private boolean paused; // not reading the client: the handler has not taken what came

  FrontUpload(FrontBody body, SelectionKey key, FrontClocks clocks) {
    this.body = body;
    this.key = key;
    this.clocks = clocks;
  }

  boolean done() {
    return body.done();
  }

  /** Whether the handler gets a re-framed body (chunked), not the client's bytes as they are. */
  boolean reframed() {
    return body.reframed();
  }

  /**
   * Passes the body's bytes in {@code buf[0, end)} on to {@code exchange}; returns how many it took
   * (the rest is the next request). Throws (413, 400) for a body over its limit or bad framing.
   */
  int pass(byte[] buf, int end, FrontExchange exchange) throws IOException, FrontHead.Malformed {
    // A body of known length goes on from this buffer as it is; a chunked one is re-framed first
    var out = body.reframed() ? new ByteArrayOutputStream(end + 64) : null;
    int taken = body.take(buf, 0, end, out);
    if (out == null) {
      exchange.body(buf, 0, taken, body.done());
    } else {
      byte[] framed = out.toByteArray();
      exchange.body(framed, 0, framed.length, body.done());
    }
    return taken;
  }

  /** Stops reading the client while bytes wait for the handler and more body is to come. */
  void pauseIfBacklogged(FrontExchange exchange) {
    if (exchange != null && exchange.backlogged() && !body.done()) {
      paused = true;
      clocks.pause(System.nanoTime());
      key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
    }
  }

  /** The handler took all it was given: reads the client again. */
  void resume() {
    if (paused) {
      paused = false;
      clocks.resume(System.nanoTime());
      if (key.isValid()) {
        key.interestOps(key.interestOps() | SelectionKey.OP_READ);
      }
    }
  }

  /** Whether the flushed answer leaves reading off: the handler has not taken what came. */
  boolean paused() {
    return paused;
  }

  /** Why the body is too slow now, or null; a paused body is not the client's fault. */
  String late(long now) {
    return body.done() || paused ? null : clocks.bodyLate(now, body.raw());
  }
}
