package dev.mixserve.gateway.front;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.Arrays;

/**
 * The requests of one {@link FrontClient}, read one at a time from what the client sends: each head
 * by the one grammar ({@link FrontHead#request}) and its checks ({@link FrontChecks}), then a body
 * of up to {@link FrontRoute#MAX_BODY} bytes read whole first (the request may go direct), a
 * larger, chunked or encoded one streamed to the handler as it comes ({@link FrontUpload}). What
 * the client sends behind a request waits in the buffer, pipelined, until its answer is out.
 */
final class FrontReader {
  private final FrontClient client;
  private final FrontClocks clocks;
  private final FrontCors cors;
  private byte[] in = new byte[4096];
  private int inEnd;
  private int requestLength; // bytes at the start of `in` that belong to the request being answered
  private FrontHead head;
  private FrontUpload upload; // a body streaming to the handler
  private byte[] corsLine; // what the answers to this request say to a browser, or null

  FrontReader(FrontClient client, FrontClocks clocks, FrontCors cors) {
    this.client = client;
    this.clocks = clocks;
    this.cors = cors;
  }

  /**
   * Reads what the client sends. While a request is answered the connection stays watched: what
   * comes then is pipelined and waits in the buffer (or is the body, when it streams), and an end
   * of stream means the client left, which stops the work it asked for.
   */
  void read(FrontClient.Mode mode) throws IOException {
    if (inEnd == in.length) {
      int max = mode == FrontClient.Mode.BODY ? (int) total() : FrontHead.MAX + FrontRoute.MAX_BODY;
      if (in.length >= max) {
        var key = client.key;
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ); // until this buffer drains
        return;
      }
      in = Arrays.copyOf(in, Math.min(max, in.length * 2));
    }
    int n = client.wire.read(ByteBuffer.wrap(in, inEnd, in.length - inEnd));
    if (n < 0) {
      client.close(); // the client left; whatever it asked for stops
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
        if (inEnd >= total()) {
          dispatch();
        }
      }
      case EXCHANGE -> {
        if (streaming()) {
          clocks.bodyRead(System.nanoTime());
          stream();
        }
      }
      default -> {}
    }
  }

  /** Takes on the request at the start of the buffer, once its head is all there. */
  void next() throws IOException {
    if (inEnd == 0) {
      return;
    }
    try {
      head = FrontHead.request(in, inEnd);
    } catch (FrontHead.Malformed e) {
      client.refuse(e.status, "malformed HTTP request: " + e.getMessage());
      return;
    }
    if (head == null) {
      return;
    }
    clocks.headDone();
    client.closeAfter = !head.keepAlive();
    corsLine = cors.line(head);
    switch (FrontChecks.of(head, client.loop.front.routes(), cors)) {
      case FrontChecks.Refuse r -> client.refuse(r.status(), r.message());
      case FrontChecks.Preflight p -> preflight();
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
    if (inEnd < total()) {
      client.awaitBody();
      continueIfAsked();
      return;
    }
    dispatch();
  }

  private long total() {
    return head.length + Math.max(0, head.contentLength);
  }

  private void continueIfAsked() {
    if (head.expectsContinue && inEnd <= head.length) {
      client.send(ByteBuffer.wrap(FrontReply.CONTINUE));
    }
  }

  /** A browser's preflight (OPTIONS with Access-Control-Request-Method), answered here. */
  private void preflight() {
    if (inEnd < total()) {
      client.closeAfter = true; // a preflight with a body still coming: not worth reading
      requestLength = inEnd;
    } else {
      requestLength = (int) total();
    }
    client.reply(cors.answer(head, corsLine, client.closeAfter));
  }

  /** The whole request is in the buffer: a replica or the handler answers it. */
  private void dispatch() throws IOException {
    requestLength = (int) total();
    var exchange = FrontDispatch.whole(client, head, in);
    if (exchange != null) {
      client.begin(exchange);
    }
  }

  /** A direct request whose replica failed before answering, where it may be sent again. */
  void retryOnHandler() throws IOException {
    client.begin(FrontDispatch.toHandler(client, head, in, FrontRoute.Handoff.RETRY));
  }

  /** A chunked, large or encoded body: the handler gets the head now and the body as it comes. */
  private void streamToHandler(FrontChecks.Stream st) throws IOException {
    upload = new FrontUpload(st.body(), client.key, clocks);
    var toHandler = FrontDispatch.streaming(client, head, in, st);
    consume(head.length);
    client.begin(toHandler);
    continueIfAsked();
    stream();
  }

  /** Passes the body bytes in the buffer on to the handler, until it stops taking them. */
  private void stream() throws IOException {
    var exchange = client.exchanging();
    if (exchange == null || !streaming()) {
      return;
    }
    int taken;
    try {
      taken = upload.pass(in, inEnd, exchange);
    } catch (FrontHead.Malformed e) {
      client.refuse(e.status, e.getMessage());
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

  /** Whether a body is still coming from the client to the handler. */
  boolean streaming() {
    return upload != null && !upload.done();
  }

  /** Whether reading waits for the handler to take what came. */
  boolean paused() {
    return upload != null && upload.paused();
  }

  /**
   * Called when the front door answers by itself: a request not read whole claims the whole buffer
   * (true), since nothing after it can be trusted.
   */
  boolean unread() {
    if (requestLength == 0 && upload == null) {
      requestLength = inEnd;
      return true;
    }
    return false;
  }

  /** The answer is out: the request's bytes go ({@link #next} takes on what follows them). */
  void answered() {
    consume(requestLength);
    requestLength = 0;
    head = null;
    upload = null;
  }

  private void consume(int n) {
    System.arraycopy(in, n, in, 0, inEnd - n);
    inEnd -= n;
  }

  /** Nothing of a next request has come. */
  boolean empty() {
    return inEnd == 0;
  }

  /** Bytes of a body being read whole that have come so far. */
  long bodyReceived() {
    return inEnd - head.length;
  }

  /** Why a body streaming to the handler is too slow, or null. */
  String uploadLate(long now) {
    return upload == null ? null : upload.late(now);
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
}
