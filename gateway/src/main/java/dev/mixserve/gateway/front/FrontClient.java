package dev.mixserve.gateway.front;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.RequestTarget;
import java.io.ByteArrayOutputStream;
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
  private FrontBody body; // a body streaming to the handler
  private FrontExchange exchange;
  private boolean answered;
  private ByteBuffer pending; // to the client, when the socket took less than all
  private boolean paused; // not reading the client: the handler has not taken what came
  private final FrontCors cors;
  private byte[] corsLine; // what the answers to this request say to a browser, or null

  FrontClient(FrontLoop loop, SocketChannel ch) throws IOException {
    this.loop = loop;
    this.ch = ch;
    this.clocks = new FrontClocks(loop.front.edge());
    this.cors = loop.front.cors();
    this.key = ch.register(loop.selector, SelectionKey.OP_READ, this);
  }

  @Override
  public void ready(SelectionKey k) throws IOException {
    if (mode == Mode.LINGER) {
      linger();
      return;
    }
    if (k.isWritable()) {
      int before = pending.remaining();
      pending = FrontLoop.drain(ch, pending);
      if (pending != null) {
        if (pending.remaining() < before) {
          clocks.wrote(System.nanoTime());
        }
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
        if (body != null && !body.done()) {
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
    long limit = bodyLimit();
    if (head.contentLength > limit) {
      refuse(
          413,
          "request body of "
              + head.contentLength
              + " bytes is larger than the limit of "
              + limit
              + " bytes");
      return;
    }
    if (head.expect && !head.expectsContinue) {
      refuse(417, "only Expect: 100-continue is understood");
      return;
    }
    corsLine = cors.line(head);
    if (head.preflight && head.first.equals("OPTIONS") && cors.enabled()) {
      answerPreflight();
      return;
    }
    Encodings.Inflate inflate = null;
    if (head.contentEncoding != null && !head.contentEncoding.equals("identity")) {
      inflate = Encodings.inflater(head.contentEncoding);
      if (inflate == null) {
        refuse(
            415,
            "Content-Encoding '"
                + head.contentEncoding
                + "' is not supported; send gzip, deflate or identity");
        return;
      }
    }
    clocks.bodyStart(System.nanoTime());
    if (inflate != null) {
      streamToHandler(FrontBody.inflating(head.chunked, head.contentLength, limit, inflate));
      return;
    }
    if (head.chunked || head.contentLength > FrontRoute.MAX_BODY) {
      streamToHandler(
          head.chunked ? FrontBody.chunked(limit) : FrontBody.length(head.contentLength, limit));
      return;
    }
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

  /** The deployment's body limit where the route names one, else the gateway's. */
  private long bodyLimit() {
    var resolved =
        loop.front.routes().resolve(head.host, RequestTarget.openAiPrefix(head.target.path()));
    return resolved
        .map(t -> t.runtime().deployment().limits().maxBodyBytes())
        .orElse(Call.ROOT_MAX_BODY);
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
    var front = loop.front;
    var decision = FrontRoute.decide(head, in, front.routes(), front.draining(), front.guard());
    if (decision.refused() != null) {
      front.audit(head, decision.refused().status(), decision.who(), null, 0);
      answer(decision.refused(), decision.refused().status());
    } else if (decision.direct() == null) {
      toHandler(decision.handoff());
    } else {
      front.directed();
      exchange = FrontExchange.direct(this, decision.direct(), head.first.equals("HEAD"));
      exchange.start();
    }
  }

  private void toHandler(FrontRoute.Handoff why) throws IOException {
    loop.front.handled(why);
    long id = loop.front.nextId();
    int length = (int) Math.max(0, head.contentLength);
    String framing = head.contentLength >= 0 ? "Content-Length: " + length : null;
    byte[] request = FrontRoute.forHandler(head, in, id, framing, length);
    exchange = FrontExchange.handler(this, id, request, false, head.first.equals("HEAD"));
    exchange.start();
  }

  /** A direct request whose replica failed before answering, where it may be sent again. */
  void retryOnHandler() throws IOException {
    toHandler(FrontRoute.Handoff.RETRY);
  }

  /** A chunked, large or encoded body: the handler gets the head now and the body as it comes. */
  private void streamToHandler(FrontBody b) throws IOException {
    loop.front.streamed(
        head.contentEncoding != null
            ? FrontRoute.Handoff.ENCODED
            : head.chunked ? FrontRoute.Handoff.CHUNKED : FrontRoute.Handoff.LARGE);
    body = b;
    long id = loop.front.nextId();
    String framing =
        b.reframed() ? "Transfer-Encoding: chunked" : "Content-Length: " + head.contentLength;
    byte[] request = FrontRoute.forHandler(head, in, id, framing, 0);
    consume(head.length);
    mode = Mode.EXCHANGE;
    answered = false;
    exchange = FrontExchange.handler(this, id, request, true, head.first.equals("HEAD"));
    exchange.start();
    continueIfAsked();
    stream();
  }

  /** Passes the body bytes in the buffer on to the handler, until it stops taking them. */
  private void stream() throws IOException {
    if (mode != Mode.EXCHANGE || exchange == null || body == null || body.done()) {
      return;
    }
    // A body of known length goes on from this buffer as it is; a chunked one is re-framed first
    var out = body.reframed() ? new ByteArrayOutputStream(inEnd + 64) : null;
    int taken;
    try {
      taken = body.take(in, 0, inEnd, out);
    } catch (FrontHead.Malformed e) {
      refuse(e.status, e.getMessage());
      return;
    }
    if (out == null) {
      exchange.body(in, 0, taken, body.done());
    } else {
      byte[] framed = out.toByteArray();
      exchange.body(framed, 0, framed.length, body.done());
    }
    consume(taken);
    if (exchange != null && exchange.backlogged() && !body.done()) {
      paused = true;
      clocks.pause(System.nanoTime());
      key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
    }
  }

  /** The handler took all the body it was given: read more from the client. */
  void upstreamTookAll() {
    if (paused) {
      paused = false;
      clocks.resume(System.nanoTime());
      if (key.isValid()) {
        key.interestOps(key.interestOps() | SelectionKey.OP_READ);
      }
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
  boolean send(ByteBuffer b) throws IOException {
    if (pending != null) {
      // behind what waits already (a 100 Continue the socket did not take): keep the order
      var all = ByteBuffer.allocate(pending.remaining() + b.remaining());
      pending = all.put(pending).put(b).flip();
      return true;
    }
    try {
      ch.write(b);
    } catch (IOException e) {
      close();
      return false;
    }
    if (b.hasRemaining()) {
      pending = FrontLoop.copy(b);
      clocks.wrote(System.nanoTime());
      key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }
    return true;
  }

  boolean writing() {
    return pending != null;
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
    if (corsLine == null) {
      answer(
          FrontReply.of(403, "origin " + head.origin + " may not call this endpoint (server.cors)"),
          403);
      return;
    }
    mode = Mode.EXCHANGE;
    answered = true;
    try {
      if (send(ByteBuffer.wrap(cors.preflight(corsLine, closeAfter))) && pending == null) {
        flushed();
      }
    } catch (IOException e) {
      close();
    }
  }

  /** The exchange has the whole answer: once the client has it too, the next request. */
  void answered() {
    answered = true;
    if (body != null && !body.done()) {
      closeAfter = true; // the rest of the body was not read: nothing after it can be trusted
    }
    if (pending == null) {
      flushed();
    }
  }

  /** The client has all we had for it. */
  private void flushed() {
    if (mode == Mode.CLOSED) {
      return;
    }
    int ops = paused ? 0 : SelectionKey.OP_READ;
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
    body = null;
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
    mode = Mode.EXCHANGE;
    answered = true;
    if (requestLength == 0 && body == null) {
      requestLength = inEnd; // a request we could not read whole
      closeAfter = true;
    }
    try {
      if (send(ByteBuffer.wrap(reply.bytes(closeAfter))) && pending == null) {
        flushed();
      }
    } catch (IOException x) {
      close();
    }
  }

  /**
   * Half-closes and reads until the client closes: closing with its bytes unread would make the
   * kernel reset the connection, and a reset can destroy the answer before the client reads it.
   */
  private void startLinger() {
    mode = Mode.LINGER;
    clocks.linger(System.nanoTime());
    try {
      ch.shutdownOutput();
      key.interestOps(SelectionKey.OP_READ);
      linger();
    } catch (IOException e) {
      close();
    }
  }

  private void linger() throws IOException {
    int n;
    while ((n = ch.read(ByteBuffer.wrap(loop.scratch))) > 0) {
      // what a client sends after its answer is read and dropped
    }
    if (n < 0) {
      close();
    }
  }

  /** Called by the loop now and then: the edge's timeouts. */
  void tick(long now) {
    if (pending != null && clocks.sendStalled(now)) {
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
        if (body != null && !body.done() && !paused) {
          late(clocks.bodyLate(now, body.raw()));
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
