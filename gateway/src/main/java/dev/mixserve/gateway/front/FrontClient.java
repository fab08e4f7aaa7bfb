package dev.mixserve.gateway.front;

import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection at the front door: its {@link FrontReader} reads each request under the
 * edge's limits and hands it to a {@link FrontExchange}, which sends it to a replica or to the
 * gateway's handler and brings the answer back through {@link FrontOutput}; then the next request,
 * or the connection's end. The handler never reads a client's bytes as the client wrote them, so
 * the two cannot read a request differently.
 */
public final class FrontClient implements FrontLoop.Handler {
  enum Mode {
    HEAD, // waiting for a whole request head
    BODY, // reading a small body whole before deciding where it goes
    EXCHANGE, // the request is with a replica or the handler (its body may still be streaming)
    LINGER, // answered, output shut: reading what the client still sends until it closes
    CLOSED
  }

  final FrontLoop loop;
  final SocketChannel ch;
  final Wire wire; // the socket's bytes, or what TLS makes of them
  final SelectionKey key;
  private final FrontClocks clocks;
  boolean closeAfter;
  private Mode mode = Mode.HEAD;
  private final FrontReader reader;
  private FrontExchange exchange;
  private boolean answered;
  private final FrontOutput output;

  FrontClient(FrontLoop loop, SocketChannel ch) throws IOException {
    this.loop = loop;
    this.ch = ch;
    this.clocks = new FrontClocks(loop.front.edge());
    this.reader = new FrontReader(this, clocks, loop.front.cors());
    this.key = ch.register(loop.selector, SelectionKey.OP_READ, this);
    var tls = loop.front.tls();
    this.wire =
        tls == null
            ? new Wire.Plain(ch)
            : new TlsWire(
                ch,
                tls.engine(),
                () -> key.interestOps(key.interestOps() | SelectionKey.OP_WRITE),
                loop.front.handshakes(),
                () -> loop.resume(this));
    this.output = new FrontOutput(wire, key, clocks);
  }

  @Override
  public void ready(SelectionKey k) throws IOException {
    if (mode == Mode.LINGER) {
      linger();
      return;
    }
    if (k.isWritable()) {
      if (output.writing()) {
        if (!output.drain()) {
          return;
        }
        flushed();
      } else if (wire.flush()) { // TLS handshake bytes, all gone now
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
      }
    }
    if (k.isValid() && k.isReadable() && mode != Mode.CLOSED && mode != Mode.LINGER) {
      read();
    }
  }

  /**
   * Reads again without a socket event: TLS decrypted more than the reader took, and those bytes
   * will not make the socket readable again.
   */
  void readBuffered() throws IOException {
    if (mode == Mode.LINGER) {
      linger();
    } else if (mode != Mode.CLOSED
        && key.isValid()
        && (key.interestOps() & SelectionKey.OP_READ) != 0) {
      read();
    }
  }

  /** Whether {@link #readBuffered} has bytes to give and may give them now. */
  boolean readable() {
    return mode != Mode.CLOSED
        && wire.buffered()
        && key.isValid()
        && (mode == Mode.LINGER || (key.interestOps() & SelectionKey.OP_READ) != 0);
  }

  private void read() throws IOException {
    try {
      reader.read(mode);
    } catch (TlsWire.PlainHttp e) {
      // What nginx does: say so in plain HTTP, which is all this client understands.
      var reply = FrontReply.of(400, "this port speaks HTTPS; use https://").bytes(true);
      ch.write(ByteBuffer.wrap(reply));
      close();
      return;
    }
    if (wire.buffered()) {
      loop.later(this);
    }
  }

  /** The request's body is to be read whole before it goes anywhere. */
  void awaitBody() {
    mode = Mode.BODY;
  }

  /** The request goes to a replica or the handler by {@code e}. */
  void begin(FrontExchange e) throws IOException {
    mode = Mode.EXCHANGE;
    answered = false;
    exchange = e;
    exchange.start();
  }

  /** The exchange under way, or null. */
  FrontExchange exchanging() {
    return mode == Mode.EXCHANGE ? exchange : null;
  }

  /** A direct request whose replica failed before answering, where it may be sent again. */
  void retryOnHandler() throws IOException {
    reader.retryOnHandler();
  }

  /** The handler took all the body it was given: read more from the client. */
  void upstreamTookAll() {
    reader.upstreamTookAll();
  }

  /**
   * Writes part of an answer to the client; false when the client is gone (and all is closed). What
   * the socket does not take now waits, and reading from the replica pauses ({@link #writing}).
   */
  boolean send(ByteBuffer b) {
    try {
      output.send(b);
      return true;
    } catch (IOException e) {
      close();
      return false;
    }
  }

  boolean writing() {
    return output.writing();
  }

  /** The request being answered came in HTTP/1.0: no chunks, keep-alive only when asked. */
  boolean http10() {
    return reader.http10();
  }

  boolean acceptsGzip() {
    return reader.acceptsGzip();
  }

  byte[] corsLine() {
    return reader.corsLine();
  }

  /** The exchange has the whole answer: once the client has it too, the next request. */
  void answered() {
    answered = true;
    if (reader.streaming()) {
      closeAfter = true; // the rest of the body was not read: nothing after it can be trusted
    }
    if (!output.writing()) {
      flushed();
    }
  }

  /** The client has all we had for it. */
  private void flushed() {
    if (mode == Mode.CLOSED) {
      return;
    }
    int ops = reader.paused() ? 0 : SelectionKey.OP_READ;
    if (mode == Mode.EXCHANGE && !answered) {
      key.interestOps(ops);
      if (exchange != null) {
        exchange.resume();
      }
      return;
    }
    if (closeAfter) {
      startLinger();
      return;
    }
    reader.answered();
    exchange = null;
    mode = Mode.HEAD;
    clocks.idle(System.nanoTime());
    key.interestOps(SelectionKey.OP_READ);
    try {
      reader.next(); // a pipelined request already here
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  /** Answers an error of our own; the exchange, if any, is ended (and its slot freed). */
  void refuse(ServeException e) {
    var reply = new FrontReply(e.status(), e.getMessage(), e.retryAfterSeconds());
    answer(reply, e.status());
  }

  /** Answers a request its key does not let in; the connection goes on. */
  void turnAway(FrontReply reply) {
    answer(reply, reply.status());
  }

  /** Answers a request that could not be read or taken; the connection ends after it. */
  void refuse(int status, String message) {
    closeAfter = true; // a request we could not read: nothing after it can be trusted
    answer(FrontReply.of(status, message), status);
  }

  private void answer(FrontReply reply, int status) {
    if (exchange != null) {
      exchange.close(status);
    }
    if (reader.unread()) {
      closeAfter = true; // a request we could not read whole
    }
    reply(reply.bytes(closeAfter));
  }

  /** Sends a whole answer of the front door's own. */
  void reply(byte[] answer) {
    mode = Mode.EXCHANGE;
    answered = true;
    if (send(ByteBuffer.wrap(answer)) && !output.writing()) {
      flushed();
    }
  }

  /** Answered, with the connection to end: its output is shut, and it is read until it closes. */
  private void startLinger() {
    mode = Mode.LINGER;
    try {
      output.shutdown();
      linger();
    } catch (IOException e) {
      close();
    }
  }

  private void linger() throws IOException {
    if (output.linger(loop.scratch)) {
      close();
    }
  }

  /** Called by the loop now and then: the edge's timeouts. */
  void tick(long now) {
    if (output.stalled(now)) {
      close(); // a client that does not read its answer holds a replica's connection
      return;
    }
    switch (mode) {
      case HEAD -> {
        String late = clocks.headLate(now);
        if (reader.empty() && clocks.idleTooLong(now)) {
          close();
        } else if (late != null) {
          refuse(408, late);
        }
      }
      case BODY -> late(clocks.bodyLate(now, reader.bodyReceived()));
      case EXCHANGE -> {
        late(reader.uploadLate(now));
        if (exchange != null && mode == Mode.EXCHANGE) {
          exchange.tick(now);
        }
      }
      case LINGER -> {
        if (clocks.lingeredEnough(now)) {
          close();
        }
      }
      default -> {}
    }
  }

  /** A body too slow: 408 while nothing of the answer went out, else only the connection's end. */
  private void late(String why) {
    if (why == null) {
      return;
    }
    if (exchange != null && exchange.answerStarted()) {
      close();
    } else {
      refuse(408, why);
    }
  }

  /** The answer broke after it began: all the client can be told is that the connection ends. */
  void abort() {
    close();
  }

  @Override
  public void failed(Exception e) {
    close();
  }

  void close() {
    if (mode == Mode.CLOSED) {
      return;
    }
    mode = Mode.CLOSED;
    if (exchange != null) {
      exchange.close(499);
    }
    key.cancel();
    FrontLoop.close(ch);
    loop.forget(this);
  }
}
