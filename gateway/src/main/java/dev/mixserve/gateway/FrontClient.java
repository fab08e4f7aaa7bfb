package dev.mixserve.gateway;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.openai.OpenAiError;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One client connection at the front door. It reads each request head; a request the front door may
 * forward itself ({@link FrontRoute}) goes to a replica over a kept-alive connection of this loop,
 * any other plain request to the gateway's handler over another, as it came; either answer comes
 * back as it arrives, its framing passed through. A request that is not plain (chunked or large
 * upload, 100-continue, upgrade, HTTP/1.0) hands the whole connection, from that request on, to the
 * handler ({@link FrontSplice}).
 */
final class FrontClient implements FrontLoop.Handler {
  /** A head (and a body that goes direct) must arrive within this, once begun. */
  private static final long REQUEST_NANOS = 30_000_000_000L;

  /** A kept-alive connection with no request for this long is closed, as Helidon does. */
  private static final long IDLE_NANOS = 300_000_000_000L;

  private static final int MAX_BUFFER = FrontHead.MAX + FrontRoute.MAX_BODY;

  private enum Mode {
    HEAD,
    EXCHANGE,
    SPLICE,
    CLOSED
  }

  final FrontLoop loop;
  final SocketChannel ch;
  final SelectionKey key;
  boolean closeAfterFlush;
  private Mode mode = Mode.HEAD;
  private byte[] in = new byte[4096];
  private int inEnd;
  private int requestLength;
  private boolean closeAfter;
  private long lastActivity = System.nanoTime();
  private ByteBuffer pending; // to the client, when the socket took less than all
  private FrontSplice splice;

  // The request being answered (by a replica when direct is set, else by the handler).
  private FrontRoute.Direct direct;
  private java.net.URI target;
  private byte[] outgoing;
  private boolean headRequest;
  private FrontUpstream up;
  private ByteBuffer upOut;
  private boolean sent;
  private boolean retried;
  private long deadline;
  private byte[] answerBuf = new byte[8192];
  private int answerEnd;
  private FrontHead answer;
  private int status;
  private long bodyLeft;
  private FrontChunks chunks;
  private boolean untilClose;
  private boolean reusable;
  private boolean answered;
  private int headLength;

  private static final byte[] HTTP11 = {'H', 'T', 'T', 'P', '/', '1', '.', '1'};
  private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1);

  FrontClient(FrontLoop loop, SocketChannel ch) throws IOException {
    this.loop = loop;
    this.ch = ch;
    this.key = ch.register(loop.selector, SelectionKey.OP_READ, this);
  }

  @Override
  public void ready(SelectionKey k) throws IOException {
    if (mode == Mode.SPLICE) {
      splice.clientReady(k);
      return;
    }
    if (k.isWritable()) {
      pending = FrontLoop.drain(ch, pending);
      if (pending != null) {
        return;
      }
      afterFlush();
    }
    if (k.isValid() && k.isReadable() && (mode == Mode.HEAD || mode == Mode.EXCHANGE)) {
      readClient();
    }
  }

  /**
   * Reads what the client sends. While a request is answered the connection stays watched (no
   * interest change per request, which would cost two {@code epoll_ctl} calls): what comes then is
   * pipelined and waits in the buffer, and an end of stream means the client left, which stops the
   * work it asked for.
   */
  private void readClient() throws IOException {
    if (inEnd == in.length) {
      if (in.length >= MAX_BUFFER) {
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ); // until this buffer drains
        return;
      }
      in = Arrays.copyOf(in, Math.min(MAX_BUFFER, in.length * 2));
    }
    int n = ch.read(ByteBuffer.wrap(in, inEnd, in.length - inEnd));
    if (n < 0) {
      close();
      return;
    }
    inEnd += n;
    if (mode == Mode.HEAD) {
      lastActivity = System.nanoTime();
      next();
    }
  }

  /** Takes on the request at the start of the buffer, if it is all there. */
  private void next() throws IOException {
    if (inEnd == 0) {
      return;
    }
    FrontHead head;
    try {
      head = FrontHead.parse(in, inEnd);
    } catch (FrontHead.Malformed e) {
      closeAfter = true;
      refuse(ServeException.invalid("malformed HTTP request: " + e.getMessage()));
      return;
    }
    if (head == null) {
      return;
    }
    long total = head.length + Math.max(0, head.contentLength);
    if (!FrontRoute.plainForHandler(head) || total > MAX_BUFFER) {
      handOff(FrontRoute.Handoff.PROTOCOL);
      return;
    }
    if (inEnd < total) {
      if (in.length < total) {
        in = Arrays.copyOf(in, (int) total);
      }
      return;
    }
    requestLength = (int) total;
    closeAfter = head.close;
    headRequest = head.first.equals("HEAD");
    var front = loop.front;
    var decision = FrontRoute.decide(head, in, front.routes(), front.draining());
    if (decision.direct() == null) {
      toHandler(decision.handoff());
    } else {
      front.directed();
      direct = decision.direct();
      target = direct.base();
      outgoing = direct.request;
      deadline = System.nanoTime() + direct.runtime.deployment().limits().timeout().toNanos();
    }
    mode = Mode.EXCHANGE; // one request at a time; pipelined ones wait in the buffer
    sent = false;
    retried = false;
    send(true);
  }

  /** The handler answers this request as the client sent it; its own limits and deadlines apply. */
  private void toHandler(FrontRoute.Handoff why) {
    loop.front.handled(why);
    direct = null;
    target = loop.front.innerUri();
    outgoing = Arrays.copyOf(in, requestLength);
  }

  private void handOff(FrontRoute.Handoff why) throws IOException {
    loop.front.spliced(why);
    mode = Mode.SPLICE;
    key.interestOps(0);
    splice = new FrontSplice(this, in, inEnd);
    in = null;
  }

  private void send(boolean mayReuse) throws IOException {
    var base = target;
    up = mayReuse ? loop.idle(base) : null;
    if (up != null) {
      up.reused = true;
      up.owner = this;
      write();
      return;
    }
    try {
      up = FrontUpstream.open(loop, base, FrontUpstream.address(base));
    } catch (IOException e) {
      up = null;
      failedBeforeAnswer(e);
      return;
    }
    up.owner = this;
  }

  private void write() throws IOException {
    if (upOut == null) {
      upOut = ByteBuffer.wrap(outgoing);
    }
    boolean all = up.write(upOut);
    sent = true;
    if (all) {
      upOut = null;
      up.key.interestOps(SelectionKey.OP_READ);
    } else {
      up.key.interestOps(SelectionKey.OP_WRITE);
    }
  }

  /** Events on the replica connection this request uses. */
  void upstreamReady(FrontUpstream u) throws IOException {
    if (u != up) {
      u.close();
      return;
    }
    if (u.key.isConnectable()) {
      u.ch.finishConnect();
      u.connected = true;
      write();
      return;
    }
    if (u.key.isWritable()) {
      write();
      return;
    }
    if (u.key.isReadable()) {
      read();
    }
  }

  private void read() throws IOException {
    if (answer == null) {
      if (answerEnd == answerBuf.length) {
        if (answerBuf.length >= FrontHead.MAX) {
          throw new IOException("answer head larger than " + FrontHead.MAX + " bytes");
        }
        answerBuf = Arrays.copyOf(answerBuf, answerBuf.length * 2);
      }
      int n = up.ch.read(ByteBuffer.wrap(answerBuf, answerEnd, answerBuf.length - answerEnd));
      if (n < 0) {
        throw new EOFException("the replica closed the connection before answering");
      }
      answerEnd += n;
      FrontHead head;
      try {
        head = headOfAnswer();
      } catch (FrontHead.Malformed e) {
        throw new IOException("garbled answer: " + e.getMessage());
      }
      if (head != null) {
        begin(head);
      }
      return;
    }
    int n = up.ch.read(ByteBuffer.wrap(answerBuf));
    if (n < 0) {
      if (untilClose) {
        reusable = false;
        complete();
      } else {
        abort();
      }
      return;
    }
    if (direct != null) {
      deadline = System.nanoTime() + direct.runtime.deployment().limits().timeout().toNanos();
    }
    body(answerBuf, 0, n, null);
  }

  /** The final answer's head; interim ones (1xx) are dropped, as nothing asked for them. */
  private FrontHead headOfAnswer() throws FrontHead.Malformed {
    while (true) {
      FrontHead head = FrontHead.parse(answerBuf, answerEnd);
      if (head == null) {
        return null;
      }
      int code = head.status();
      if (code >= 200) {
        return head;
      }
      if (code == 101) {
        throw new FrontHead.Malformed("101 to a request that asked for no upgrade");
      }
      System.arraycopy(answerBuf, head.length, answerBuf, 0, answerEnd - head.length);
      answerEnd -= head.length;
    }
  }

  private void begin(FrontHead head) throws IOException {
    answer = head;
    status = Integer.parseInt(head.second); // checked by headOfAnswer
    bodyLeft = 0;
    chunks = null;
    untilClose = false;
    if (status == 204 || status == 304 || headRequest) {
      bodyLeft = 0;
    } else if (head.chunked) {
      chunks = new FrontChunks();
    } else if (head.contentLength >= 0) {
      bodyLeft = head.contentLength;
    } else {
      untilClose = true; // an answer that ends with its connection ends the client's too
      closeAfter = true;
    }
    reusable = !head.close && head.first.equals("HTTP/1.1") && !untilClose;
    if (direct == null && head.close) {
      closeAfter = true; // the handler's close (draining, a request it could not read) is ours
    }
    // The head as the client gets it, in the loop's scratch array: always HTTP/1.1, without the
    // replica's connection headers, with ours.
    byte[] out = loop.head(head.length + CLOSE.length + 16);
    int n = 0;
    for (byte b : HTTP11) {
      out[n++] = b;
    }
    int from = head.first.length(); // the status line from the space after the version
    int lineEnd = head.count() > 0 ? head.start(0) : head.length - 2;
    System.arraycopy(answerBuf, from, out, n, lineEnd - from);
    n += lineEnd - from;
    for (int i = 0; i < head.count(); i++) {
      int kind = head.kind(i);
      if (kind != FrontHead.CONNECTION && kind != FrontHead.KEEP_ALIVE) {
        int len = head.end(i) - head.start(i) + 2;
        System.arraycopy(answerBuf, head.start(i), out, n, len);
        n += len;
      }
    }
    if (closeAfter) {
      System.arraycopy(CLOSE, 0, out, n, CLOSE.length);
      n += CLOSE.length;
    }
    out[n++] = '\r';
    out[n++] = '\n';
    headLength = n;
    body(answerBuf, head.length, answerEnd, out);
  }

  /** Passes on {@code buf[from, to)} of the answer's body (after {@code head}, when given). */
  private void body(byte[] buf, int from, int to, byte[] head) throws IOException {
    int end;
    boolean done;
    if (untilClose) {
      end = to;
      done = false;
    } else if (chunks != null) {
      int e;
      try {
        e = chunks.scan(buf, from, to);
      } catch (FrontHead.Malformed m) {
        throw new IOException("garbled chunked answer: " + m.getMessage());
      }
      done = e >= 0;
      end = done ? e : to;
    } else {
      int take = (int) Math.min(bodyLeft, to - from);
      bodyLeft -= take;
      end = from + take;
      done = bodyLeft == 0;
    }
    if (end < to) {
      reusable = false; // bytes after the answer: nobody asked for them
    }
    ByteBuffer b;
    if (head == null) {
      b = ByteBuffer.wrap(buf, from, end - from);
    } else if (headLength + end - from <= head.length) {
      System.arraycopy(buf, from, head, headLength, end - from); // one write for head and body
      b = ByteBuffer.wrap(head, 0, headLength + end - from);
    } else {
      byte[] all = Arrays.copyOf(head, headLength + end - from);
      System.arraycopy(buf, from, all, headLength, end - from);
      b = ByteBuffer.wrap(all);
    }
    try {
      ch.write(b);
    } catch (IOException e) {
      abort(); // the client went away: the replica's connection goes too, which stops its work
      return;
    }
    if (b.hasRemaining()) {
      pending = FrontLoop.copy(b);
      key.interestOps(SelectionKey.OP_WRITE | SelectionKey.OP_READ);
      up.key.interestOps(0); // the replica waits until the client has taken this
    }
    if (done) {
      complete();
    }
  }

  /** The answer has all come from the replica. */
  private void complete() {
    if (direct != null) {
      direct.member.answered(
          status); // the controller's sign of life for a replica too busy to probe
    }
    settle(status);
    if (reusable) {
      up.owner = null;
      up.reused = false;
      up.key.interestOps(SelectionKey.OP_READ);
      loop.park(up);
    } else {
      up.close();
    }
    up = null;
    answered = true;
    if (pending == null) {
      afterFlush();
    }
  }

  private void settle(int code) {
    if (direct != null) {
      direct.release();
      direct.runtime.metrics().answered(code, System.nanoTime() - direct.start);
      direct = null;
    }
  }

  /** The client has all we had for it. */
  private void afterFlush() {
    if (mode == Mode.EXCHANGE && !answered) {
      key.interestOps(SelectionKey.OP_READ);
      if (up != null) {
        up.key.interestOps(SelectionKey.OP_READ);
      }
      return;
    }
    if (closeAfter || closeAfterFlush) {
      close();
      return;
    }
    System.arraycopy(in, requestLength, in, 0, inEnd - requestLength);
    inEnd -= requestLength;
    requestLength = 0;
    mode = Mode.HEAD;
    answer = null;
    answerEnd = 0;
    answered = false;
    status = 0;
    upOut = null;
    lastActivity = System.nanoTime();
    key.interestOps(SelectionKey.OP_READ);
    try {
      next(); // a pipelined request already here
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  /** The replica connection broke; what happens depends on whether the client heard anything. */
  void upstreamFailed(FrontUpstream u, Exception e) {
    if (u != up) {
      u.close();
      return;
    }
    if (answer != null) {
      abort();
      return;
    }
    try {
      failedBeforeAnswer(e);
    } catch (IOException | RuntimeException again) {
      failed(again);
    }
  }

  private void failedBeforeAnswer(Exception e) throws IOException {
    boolean wasReused = up != null && up.reused;
    if (up != null) {
      up.close();
      up = null;
    }
    upOut = null;
    answerEnd = 0;
    if (wasReused
        && !retried
        && !(e.getMessage() != null && e.getMessage().startsWith("garbled"))) {
      // Most likely the replica closed this idle connection as we took it: one new connection.
      retried = true;
      sent = false;
      send(false);
      return;
    }
    if (direct == null) {
      closeAfter = true;
      refuse(ServeException.unavailable("the gateway's handler failed: " + e.getMessage(), 1));
      return;
    }
    String why = "upstream " + direct.base() + " failed: " + e.getMessage();
    direct.engine.pool().reportFailure(direct.member, sent ? e : new ConnectException(why));
    boolean again = !sent || direct.idempotent();
    if (again) {
      direct.release(); // the handler takes a slot of its own, on a replica it chooses
      toHandler(FrontRoute.Handoff.RETRY);
      sent = false;
      retried = false;
      send(true);
      return;
    }
    refuse(ServeException.unavailable(why, 5));
  }

  /** Answers an error of our own in OpenAI's format; the request's slot, if any, is freed. */
  private void refuse(ServeException e) {
    settle(e.status());
    byte[] body = OpenAiError.body(e);
    String head =
        "HTTP/1.1 "
            + e.status()
            + " "
            + reason(e.status())
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n"
            + (e.retryAfterSeconds() > 0 ? "Retry-After: " + e.retryAfterSeconds() + "\r\n" : "")
            + (closeAfter ? "Connection: close\r\n" : "")
            + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    mode = Mode.EXCHANGE;
    answered = true;
    if (requestLength == 0) {
      requestLength = inEnd; // a request we could not read: nothing after it can be trusted
      closeAfter = true;
    }
    var b = ByteBuffer.wrap(all);
    try {
      ch.write(b);
    } catch (IOException x) {
      close();
      return;
    }
    if (b.hasRemaining()) {
      pending = FrontLoop.copy(b);
      key.interestOps(SelectionKey.OP_WRITE | SelectionKey.OP_READ);
    } else {
      afterFlush();
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }

  /** The answer broke after it began: all the client can be told is that the connection ends. */
  private void abort() {
    close();
  }

  /** Called by the loop now and then: deadlines and idle connections. */
  void tick(long now) {
    switch (mode) {
      case HEAD -> {
        long limit = inEnd == 0 ? IDLE_NANOS : REQUEST_NANOS;
        if (now - lastActivity > limit) {
          close();
        }
      }
      case EXCHANGE -> {
        if (direct == null || now - deadline < 0) {
          return;
        }
        if (answer != null) {
          abort();
          return;
        }
        if (up != null) {
          up.close();
          up = null;
        }
        long ms = direct.runtime.deployment().limits().timeout().toMillis();
        String why = "upstream " + direct.base() + " did not answer within " + ms + " ms";
        direct.engine.pool().reportFailure(direct.member, new IOException(why));
        refuse(ServeException.unavailable(why, 1));
      }
      default -> {}
    }
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
    settle(status == 0 ? 499 : status);
    if (up != null) {
      up.close();
      up = null;
    }
    if (splice != null) {
      splice.close();
    }
    key.cancel();
    FrontLoop.close(ch);
    loop.forget(this);
  }
}
