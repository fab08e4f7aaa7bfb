package dev.mixserve.gateway.front;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * What goes from the front door to one client: answer bytes written as the socket takes them, the
 * rest kept in order until it drains, and the lingering close that ends a connection without
 * resetting it.
 */
final class FrontOutput {
  private final Wire ch;
  private final SelectionKey key;
  private final FrontClocks clocks;
  private ByteBuffer pending; // to the client, when the socket took less than all

  FrontOutput(Wire ch, SelectionKey key, FrontClocks clocks) {
    this.ch = ch;
    this.key = key;
    this.clocks = clocks;
  }

  /**
   * Writes {@code b}, or what the socket takes of it: the rest waits, in a buffer of its own, until
   * the socket is writable. Throws when the client is gone.
   */
  void send(ByteBuffer b) throws IOException {
    if (pending != null) {
      // behind what waits already (a 100 Continue the socket did not take): keep the order
      var all = ByteBuffer.allocate(pending.remaining() + b.remaining());
      pending = all.put(pending).put(b).flip();
      return;
    }
    ch.write(b);
    if (b.hasRemaining() || !ch.flush()) { // over TLS, encrypted bytes may wait with none of b
      pending = FrontLoop.copy(b);
      clocks.wrote(System.nanoTime());
      key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }
  }

  /** Whether bytes wait for the client. */
  boolean writing() {
    return pending != null;
  }

  /** The socket is writable: writes what waits; true once all of it went. */
  boolean drain() throws IOException {
    int before = pending.remaining();
    boolean flushed = ch.flush();
    if (flushed) {
      ch.write(pending);
      flushed = ch.flush();
    }
    if (pending.hasRemaining() || !flushed) {
      if (pending.remaining() < before) {
        clocks.wrote(System.nanoTime());
      }
      return false;
    }
    pending = null;
    return true;
  }

  /** A client that does not read its answer (it holds a replica's connection). */
  boolean stalled(long now) {
    return pending != null && clocks.sendStalled(now);
  }

  /**
   * Half-closes, to read until the client closes: closing with its bytes unread would make the
   * kernel reset the connection, and a reset can destroy the answer before the client reads it.
   */
  void shutdown() throws IOException {
    clocks.linger(System.nanoTime());
    ch.shutdownOutput();
    key.interestOps(SelectionKey.OP_READ);
  }

  /** Reads and drops what the client sends after its answer; true once the client has closed. */
  boolean linger(byte[] scratch) throws IOException {
    int n;
    while ((n = ch.read(ByteBuffer.wrap(scratch))) > 0) {
      // read and dropped
    }
    return n < 0;
  }
}
