package dev.mixserve.gateway.front;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A client connection's bytes as the front door reads and writes them: the socket's own, or
 * decrypted and encrypted on the way ({@link TlsWire}). Non-blocking, as the socket is.
 */
interface Wire {
  /** Reads what is there into {@code dst}: the count, 0 for nothing yet, -1 at the end. */
  int read(ByteBuffer dst) throws IOException;

  /** Writes what the connection takes of {@code src} now; the rest stays in it. */
  void write(ByteBuffer src) throws IOException;

  /** Writes bytes of its own that wait for the socket; true once none wait. */
  boolean flush() throws IOException;

  /** Whether bytes were read from the socket that {@link #read} has not given out yet. */
  boolean buffered();

  /** Ends what goes to the client (after a TLS close_notify), keeping what comes from it. */
  void shutdownOutput() throws IOException;

  /** The socket's bytes as they are. */
  record Plain(SocketChannel ch) implements Wire {
    @Override
    public int read(ByteBuffer dst) throws IOException {
      return ch.read(dst);
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
      ch.write(src);
    }

    @Override
    public boolean flush() {
      return true;
    }

    @Override
    public boolean buffered() {
      return false;
    }

    @Override
    public void shutdownOutput() throws IOException {
      ch.shutdownOutput();
    }
  }
}
