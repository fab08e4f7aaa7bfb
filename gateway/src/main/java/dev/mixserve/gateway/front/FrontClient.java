package dev.mixserve.gateway.front;

import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One client connection at the front door: it reads each request under the edge's limits and hands
 * it to a {@link FrontExchange}, which sends it to a replica or to the gateway's handler and brings
 * the answer back. Every request is read here, whatever its framing: a body of up to {@link
 * FrontRoute#MAX_BODY} bytes is read whole first (it may go direct); a larger or chunked one
 * streams to the handler as it comes, re-framed ({@link FrontBody}). The handler never reads a
 * client's bytes as the client wrote them, so the two cannot read a request differently.
 */
public final class FrontClient implements FrontLoop.Handler {
  private enum Mode {
    HEAD, // waiting for a whole request head
    BODY, // reading a small body whole before deciding where it goes
    EXCHANGE, // the request is with a replica or the handler (its body may still be streaming)
    LINGER, // answered, output shut: reading what the client still sends until it closes
    CLOSED
  }

  final FrontLoop loop;
  final SocketChannel ch;
  final SelectionKey key;
  private final FrontClocks clocks;
  boolean closeAfter;
  private Mode mode = Mode.HEAD;
  private byte[] in = new byte[4096];
  private int inEnd;
  private int requestLength; // bytes at the start of `in` that belong to the request being answered
  private FrontHead head;
  private FrontUpload upload; // a body streaming to the handler
  private FrontExchange exchange;
  private boolean answered;
  private final FrontOutput output;
  private final FrontCors cors;
  private byte[] corsLine; // what the answers to this request say to a browser, or null

  FrontClient(FrontLoop loop, SocketChannel ch) throws IOException {
    this.loop = loop;
    this.ch = ch;
    this.clocks = new FrontClocks(loop.front.edge());
    this.cors = loop.front.cors();
    this.key = ch.register(loop.selector, SelectionKey.OP_READ, this);
    this.output = new FrontOutput(ch, key, clocks);
  }

  @Override
  public void ready(SelectionKey k) throws IOException {
    if (mode == Mode.LINGER) {
      linger();
      return;
    }
    if (k.isWritable()) {
      if (!output.drain()) {
        return;
      }
      flushed();
    }
    if (k.isValid() && k.isReadable() && mode != Mode.CLOSED && mode != Mode.LINGER) {
      readClient();
    }
  }

  /**
   * Reads what the client sends. While a request is answered the connection stays watched: what
   * comes then is pipelined and waits in the buffer (or is the body, when it streams), and an end
   * of stream means the client left, which stops the work it asked for.
   */
  private void readClient() throws IOException {
    if (inEnd == in.length) {
      int max = mode == Mode.BODY ? (int) requestTotal() : FrontHead.MAX + FrontRoute.MAX_BODY;
      if (in.length >= max) {
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ); // until this buffer drains
        return;
      }
      in = Arrays.copyOf(in, Math.min(max, in.length * 2));
    }
    int n = ch.read(ByteBuffer.wrap(in, inEnd, in.length - inEnd));
    if (n < 0) {
      close(); // the client left; whatever it asked for stops
      return;
    }
    inEnd += n;
    switch (mode) {
      case HEAD -> {
        clocks.headByte(System.nanoTime());
        next();
      }
      case BODY -> {
        clocks.bodyRead(System.nanoTime());
        if (inEnd >= requestTotal()) {
          dispatch();
        }
      }
      case EXCHANGE -> {
        if (upload != null && !upload.done()) {
          clocks.bodyRead(System.nanoTime());
          stream();
        }
      }
      default -> {}
    }
  }

  /** Takes on the request at the start of the buffer, once its head is all there. */
  private void next() throws IOException {
    if (inEnd == 0) {
      return;
    }
    try {
      head = FrontHead.request(in, inEnd);
    } catch (FrontHead.Malformed e) {
      refuse(e.status, "malformed HTTP request: " + e.getMessage());
      return;
    }
    if (head == null) {
      return;
    }
    clocks.headDone();
    closeAfter = !head.keepAlive();
    corsLine = cors.line(head);
    switch (FrontChecks.of(head, loop.front.routes(), cors)) {
      case FrontChecks.Refuse r -> refuse(r.status(), r.message());
      case FrontChecks.Preflight p -> answerPreflight();
      case FrontChecks.Stream st -> {
        clocks.bodyStart(System.nanoTime());
        streamToHandler(st);
      }
      case FrontChecks.Whole w -> {
        clocks.bodyStart(System.nanoTime());
        readWhole();
      }
    }
  }

  /** A body small enough to read whole before deciding where it goes (it may go direct). */
  private void readWhole() throws IOException {
    if (inEnd < requestTotal()) {
      mode = Mode.BODY;
      continueIfAsked();
      return;
    }
    dispatch();
  }

  private long requestTotal() {
    return head.length + Math.max(0, head.contentLength);
  }

  private void continueIfAsked() throws IOException {
    if (head.expectsContinue && inEnd <= head.length) {
      send(ByteBuffer.wrap(FrontReply.CONTINUE));
    }
  }

  /** The whole request is in the buffer: a replica or the handler answers it. */
  private void dispatch() throws IOException {
    requestLength = (int) requestTotal();
    mode = Mode.EXCHANGE;
    answered = false;
    exchange = FrontDispatch.whole(this, head, in);
    exchange.start();
  }

  /** A direct request whose replica failed before answering, where it may be sent again. */
  void retryOnHandler() throws IOException {
    exchange = FrontDispatch.toHandler(this, head, in, FrontRoute.Handoff.RETRY);
    exchange.start();
  }

  /** A chunked, large or encoded body: the handler gets the head now and the body as it comes. */
  private void streamToHandler(FrontChecks.Stream st) throws IOException {
    upload = new FrontUpload(st.body(), key, clocks);
    var toHandler = FrontDispatch.streaming(this, head, in, st);
    consume(head.length);
    mode = Mode.EXCHANGE;
    answered = false;
    exchange = toHandler;
    exchange.start();
    continueIfAsked();
    stream();
  }

  /** Passes the body bytes in the buffer on to the handler, until it stops taking them. */
  private void stream() throws IOException {
    if (mode != Mode.EXCHANGE || exchange == null || upload == null || upload.done()) {
      return;
    }
    int taken;
    try {
      taken = upload.pass(in, inEnd, exchange);
    } catch (FrontHead.Malformed e) {
      refuse(e.status, e.getMessage());
      return;
    }
    consume(taken);
    upload.pauseIfBacklogged(exchange);
  }

  /** The handler took all the body it was given: read more from the client. */
  void upstreamTookAll() {
    if (upload != null) {
      upload.resume();
    }
  }

  private void consume(int n) {
    System.arraycopy(in, n, in, 0, inEnd - n);
    inEnd -= n;
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
    return head != null && head.http10();
  }

  boolean acceptsGzip() {
    return head != null && head.acceptsGzip;
  }

  byte[] corsLine() {
    return corsLine;
  }

  /** A browser's preflight (OPTIONS with Access-Control-Request-Method), answered here. */
  private void answerPreflight() {
    if (inEnd < requestTotal()) {
      closeAfter = true; // a preflight with a body still coming: not worth reading
      requestLength = inEnd;
    } else {
      requestLength = (int) requestTotal();
    }
    reply(cors.answer(head, corsLine, closeAfter));
  }

  /** The exchange has the whole answer: once the client has it too, the next request. */
  void answered() {
    answered = true;
    if (upload != null && !upload.done()) {
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
    int ops = upload != null && upload.paused() ? 0 : SelectionKey.OP_READ;
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
    consume(requestLength);
    requestLength = 0;
    head = null;
    upload = null;
    exchange = null;
    mode = Mode.HEAD;
    clocks.idle(System.nanoTime());
    key.interestOps(SelectionKey.OP_READ);
    try {
      next(); // a pipelined request already here
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  /** Answers an error of our own; the exchange, if any, is ended (and its slot freed). */
  void refuse(ServeException e) {
    var reply = new FrontReply(e.status(), e.getMessage(), e.retryAfterSeconds());
    answer(reply, e.status());
  }

  private void refuse(int status, String message) {
    closeAfter = true; // a request we could not read: nothing after it can be trusted
    answer(FrontReply.of(status, message), status);
  }

  private void answer(FrontReply reply, int status) {
    if (exchange != null) {
      exchange.close(status);
    }
    if (requestLength == 0 && upload == null) {
      requestLength = inEnd; // a request we could not read whole
      closeAfter = true;
    }
    reply(reply.bytes(closeAfter));
  }

  /** Sends a whole answer of the front door's own. */
  private void reply(byte[] answer) {
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
        if (inEnd == 0 && clocks.idleTooLong(now)) {
          close();
        } else if (late != null) {
          refuse(408, late);
        }
      }
      case BODY -> late(clocks.bodyLate(now, inEnd - head.length));
      case EXCHANGE -> {
        if (upload != null) {
          late(upload.late(now));
        }
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
