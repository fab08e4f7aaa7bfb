package dev.mixserve.gateway.front;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS on the front door's loop, with the JDK's {@link SSLEngine}: records are decrypted as they are
 * read and encrypted as answers are written, on the loop's thread, so a TLS connection costs the
 * crypto and nothing else (no thread of its own, no extra hop). The handshake's key operations (the
 * engine's delegated tasks: about a millisecond for an RSA-2048 signature, once per connection) go
 * to {@link Handshakes}, a small pool, so that a burst of new connections, or a client opening them
 * on purpose, cannot hold up the requests of connections already open on the same loop.
 *
 * <p>Buffers: {@code netIn} holds socket bytes not yet decrypted (write mode); {@code appIn} the
 * decrypted bytes not yet read (read mode); {@code netOut} encrypted bytes the socket has not taken
 * (read mode). Decrypted bytes can outlast a socket event ({@link #buffered}): the loop then reads
 * again without waiting for one.
 */
final class TlsWire implements Wire {
  /** The first byte of a TLS handshake record; anything else on a TLS port is plain HTTP. */
  static final int HANDSHAKE = 0x16;

  private final SocketChannel ch;
  private final SSLEngine engine;
  private final Runnable wantWrite;
  private final Handshakes handshakes;
  private final Runnable resume;
  private volatile boolean working; // the handshake's tasks run on the pool
  private volatile boolean resumed; // they are done: read() goes on without a socket event
  private ByteBuffer netIn;
  private ByteBuffer appIn;
  private ByteBuffer netOut;
  private boolean first = true;
  private boolean inboundDone;
  private boolean established; // the handshake finished: answers may be written

  /**
   * @param wantWrite called when handshake bytes wait for a socket that took less than all of them:
   *     the caller watches for it to be writable and calls {@link #flush}
   */
  TlsWire(
      SocketChannel ch,
      SSLEngine engine,
      Runnable wantWrite,
      Handshakes handshakes,
      Runnable resume) {
    this.ch = ch;
    this.engine = engine;
    this.wantWrite = wantWrite;
    this.handshakes = handshakes;
    this.resume = resume;
    int packet = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(packet);
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    this.netOut = ByteBuffer.allocate(packet).flip();
  }

  /** Thrown when a client speaks plain HTTP to the TLS port; the caller may tell it so. */
  static final class PlainHttp extends SSLException {
    PlainHttp() {
      super("plain HTTP on the TLS port");
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    resumed = false;
    int n = give(dst);
    while (dst.hasRemaining() && !inboundDone && !working) {
      HandshakeStatus hs = engine.getHandshakeStatus();
      if (hs == HandshakeStatus.NEED_TASK) {
        offload();
        continue;
      }
      if (hs == HandshakeStatus.NEED_WRAP) {
        wrap(ByteBuffer.allocate(0));
        if (!flush()) {
          wantWrite.run();
          return n;
        }
        continue;
      }
      netIn.flip();
      SSLEngineResult r;
      try {
        appIn.clear();
        r = engine.unwrap(netIn, appIn);
      } finally {
        appIn.flip();
        netIn.compact();
      }
      if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
        established = true;
      }
      switch (r.getStatus()) {
        case OK -> n += give(dst);
        case CLOSED -> {
          inboundDone = true; // close_notify: answer it with ours, as TLS asks
          closeOutbound();
        }
        case BUFFER_OVERFLOW ->
            appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        case BUFFER_UNDERFLOW -> {
          if (!netIn.hasRemaining()) {
            netIn = grow(netIn, engine.getSession().getPacketBufferSize());
          }
          int got = ch.read(netIn);
          if (got < 0) {
            inboundDone = true;
          } else if (got == 0) {
            return n;
          } else if (first) {
            first = false;
            if (netIn.get(0) != HANDSHAKE) {
              throw new PlainHttp();
            }
          }
        }
      }
    }
    return n > 0 || !inboundDone ? n : -1;
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    if (!established) {
      // only an answer of our own (a 408 to a client that never finished) can come this early
      throw new EOFException("TLS handshake not finished");
    }
    while (src.hasRemaining() && flush()) {
      var r = wrap(src);
      if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
        break; // nothing can go now (the engine waits for the client): the rest stays in src
      }
    }
    flush();
  }

  private SSLEngineResult wrap(ByteBuffer src) throws IOException {
    while (true) {
      netOut.compact();
      SSLEngineResult r;
      try {
        r = engine.wrap(src, netOut);
      } finally {
        netOut.flip();
      }
      switch (r.getStatus()) {
        case OK -> {
          if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            established = true;
          }
          if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            runTasks();
          }
          return r;
        }
        case BUFFER_OVERFLOW ->
            netOut = grow(netOut.compact(), engine.getSession().getPacketBufferSize()).flip();
        case CLOSED -> throw new EOFException("TLS connection closed");
        case BUFFER_UNDERFLOW -> throw new IllegalStateException("wrap cannot underflow");
      }
    }
  }

  @Override
  public boolean flush() throws IOException {
    if (netOut.hasRemaining()) {
      ch.write(netOut);
    }
    return !netOut.hasRemaining();
  }

  @Override
  public boolean buffered() {
    return !working && (resumed || appIn.hasRemaining() || (!inboundDone && wholeRecord()));
  }

  /**
   * Whether {@code netIn} holds a whole TLS record: part of one waits for the socket, which will
   * say when the rest comes (reading again before would spin the loop on a client that sends
   * slowly).
   */
  private boolean wholeRecord() {
    int have = netIn.position();
    if (have < 5) {
      return false;
    }
    int length = ((netIn.get(3) & 0xff) << 8) | (netIn.get(4) & 0xff);
    return have >= 5 + length;
  }

  @Override
  public void shutdownOutput() throws IOException {
    closeOutbound();
    ch.shutdownOutput();
  }

  private void closeOutbound() throws IOException {
    if (engine.isOutboundDone()) {
      return;
    }
    engine.closeOutbound();
    try {
      wrap(ByteBuffer.allocate(0)); // the close_notify
      flush(); // best effort: a client that does not read it loses nothing it asked for
    } catch (IOException e) {
      // the client is gone already
    }
  }

  /**
   * Hands the engine's tasks to the pool; the engine is not touched until they are done, and then
   * the loop is asked to read again. A pool with no room refuses the connection.
   */
  private void offload() throws SSLException {
    var tasks = new java.util.ArrayList<Runnable>();
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      tasks.add(task);
    }
    working = true;
    boolean taken =
        handshakes.submit(
            () -> {
              try {
                tasks.forEach(Runnable::run);
              } finally {
                working = false;
                resumed = true;
                resume.run();
              }
            });
    if (!taken) {
      working = false;
      throw new SSLException("too many TLS handshakes at once");
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  private int give(ByteBuffer dst) {
    int n = Math.min(appIn.remaining(), dst.remaining());
    if (n > 0) {
      dst.put(appIn.slice(appIn.position(), n));
      appIn.position(appIn.position() + n);
    }
    return n;
  }

  /** {@code b} (write mode) in a buffer with room for {@code more} bytes beyond what it holds. */
  private static ByteBuffer grow(ByteBuffer b, int more) {
    b.flip();
    return ByteBuffer.allocate(b.remaining() + more).put(b);
  }
}
