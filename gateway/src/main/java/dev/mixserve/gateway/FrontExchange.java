package dev.mixserve.gateway;

import dev.mixserve.api.error.ServeException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One request on its way from a client connection to a replica (direct) or to the gateway's
 * handler, and its answer on the way back: the request's bytes go out over a kept-alive connection
 * of the loop, the answer comes back as it arrives, its framing passed through, its head
 * re-written.
 */
final class FrontExchange {
  private static final byte[] HTTP11 = {'H', 'T', 'T', 'P', '/', '1', '.', '1'};
  private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final FrontClient client;
  private final FrontLoop loop;
  final FrontRoute.Direct direct; // null: the handler answers
  final long id; // the handler's name for this request (X-Mixserve-Client); 0 when direct
  private final URI target;
  private final boolean headRequest;
  private final byte[] request; // the whole request when it is all here: a retry sends it again
  private ByteBuffer upOut; // bytes the replica has not taken yet
  private boolean streaming; // the body is still coming from the client
  private FrontUpstream up;
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
  private boolean done;
  private int headLength;

  private FrontExchange(
      FrontClient client,
      FrontRoute.Direct direct,
      long id,
      URI target,
      byte[] request,
      boolean streaming,
      boolean headRequest) {
    this.client = client;
    this.loop = client.loop;
    this.direct = direct;
    this.id = id;
    this.target = target;
    this.request = request;
    this.streaming = streaming;
    this.headRequest = headRequest;
    if (direct != null) {
      deadline = System.nanoTime() + direct.runtime.deployment().limits().timeout().toNanos();
    }
  }

  static FrontExchange direct(FrontClient c, FrontRoute.Direct d, boolean headRequest) {
    return new FrontExchange(c, d, 0, d.base(), d.request, false, headRequest);
  }

  /**
   * The handler answers {@code request}; while {@code streaming}, more body follows through {@link
   * #body}, on a connection of its own (nothing it sent can be sent again).
   */
  static FrontExchange handler(
      FrontClient c, long id, byte[] request, boolean streaming, boolean headRequest) {
    return new FrontExchange(c, null, id, c.loop.front.innerUri(), request, streaming, headRequest);
  }

  boolean answerStarted() {
    return answer != null;
  }

  boolean done() {
    return done;
  }

  /** Sends the request. */
  void start() throws IOException {
    upOut = ByteBuffer.wrap(request);
    send(!streaming);
  }

  /**
   * More of a streamed body, {@code b[off, off + len)}, which the caller reuses once this returns:
   * what the socket does not take at once is copied. The client stops reading while the handler has
   * not taken it all.
   */
  void body(byte[] b, int off, int len, boolean last) throws IOException {
    if (last) {
      streaming = false;
    }
    if (len == 0 || answer != null) {
      return; // an answer that began has made the rest of the body moot
    }
    if (upOut == null && up != null && up.connected) {
      var view = ByteBuffer.wrap(b, off, len);
      up.write(view);
      sent = true;
      if (view.hasRemaining()) {
        upOut = FrontLoop.copy(view);
        up.key.interestOps(SelectionKey.OP_WRITE | SelectionKey.OP_READ);
      }
      return;
    }
    var more = ByteBuffer.wrap(b, off, len);
    upOut = upOut == null ? FrontLoop.copy(more) : append(upOut, more);
    if (up != null && up.connected) {
      write();
    }
  }

  /** Whether bytes wait for the replica (the client should not send more for now). */
  boolean backlogged() {
    return upOut != null;
  }

  private void send(boolean mayReuse) throws IOException {
    up = mayReuse ? loop.idle(target) : null;
    if (up != null) {
      up.reused = true;
      up.owner = this;
      write();
      return;
    }
    try {
      up = FrontUpstream.open(loop, target, FrontUpstream.address(target));
    } catch (IOException e) {
      up = null;
      failedBeforeAnswer(e);
      return;
    }
    up.owner = this;
  }

  private void write() throws IOException {
    if (upOut != null) {
      up.write(upOut);
      sent = true;
      if (!upOut.hasRemaining()) {
        upOut = null;
        client.upstreamTookAll();
      }
    }
    if (answer == null || !client.writing()) {
      up.key.interestOps(
          upOut != null ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
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
    if (u.key.isValid() && u.key.isWritable()) {
      write();
    }
    if (u.key.isValid() && u.key.isReadable()) {
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
        client.abort();
      }
      return;
    }
    if (direct != null) {
      deadline = System.nanoTime() + direct.runtime.deployment().limits().timeout().toNanos();
    }
    body(answerBuf, 0, n, null);
  }

  /** The final answer's head; interim ones (1xx) are dropped: the front door sent its own 100. */
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
    boolean requestWhole = !streaming && upOut == null;
    if (!requestWhole) {
      // the handler answered before it had the whole body: the rest will not be sent, so neither
      // connection can carry another request after this one
      upOut = null;
      client.closeAfter = true;
    }
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
      client.closeAfter = true;
    }
    reusable = !head.close && head.first.equals("HTTP/1.1") && !untilClose && requestWhole;
    if (direct == null && head.close) {
      client.closeAfter = true; // the handler's close (draining, a request it could not read)
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
    if (client.closeAfter) {
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
    boolean last;
    if (untilClose) {
      end = to;
      last = false;
    } else if (chunks != null) {
      int e;
      try {
        e = chunks.scan(buf, from, to);
      } catch (FrontHead.Malformed m) {
        throw new IOException("garbled chunked answer: " + m.getMessage());
      }
      last = e >= 0;
      end = last ? e : to;
    } else {
      int take = (int) Math.min(bodyLeft, to - from);
      bodyLeft -= take;
      end = from + take;
      last = bodyLeft == 0;
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
    if (!client.send(b)) {
      return; // the client went away: the replica's connection went too, which stops its work
    }
    if (client.writing()) {
      up.key.interestOps(0); // the replica waits until the client has taken this
    }
    if (last) {
      complete();
    }
  }

  /** The client took all it had: the replica may send more. */
  void resume() {
    if (up != null && !done) {
      up.key.interestOps(SelectionKey.OP_READ | (upOut != null ? SelectionKey.OP_WRITE : 0));
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
    done = true;
    client.answered();
  }

  private void settle(int code) {
    if (direct != null) {
      direct.release();
      direct.runtime.metrics().answered(code, System.nanoTime() - direct.start);
    }
  }

  /** The replica connection broke; what happens depends on whether the client heard anything. */
  void upstreamFailed(FrontUpstream u, Exception e) {
    if (u != up) {
      u.close();
      return;
    }
    if (answer != null) {
      client.abort();
      return;
    }
    try {
      failedBeforeAnswer(e);
    } catch (IOException | RuntimeException again) {
      client.failed(again);
    }
  }

  private void failedBeforeAnswer(Exception e) throws IOException {
    boolean wasReused = up != null && up.reused;
    if (up != null) {
      up.close();
      up = null;
    }
    answerEnd = 0;
    if (wasReused
        && !retried
        && request != null
        && !(e.getMessage() != null && e.getMessage().startsWith("garbled"))) {
      // Most likely the replica closed this idle connection as we took it: one new connection.
      retried = true;
      sent = false;
      upOut = ByteBuffer.wrap(request);
      send(false);
      return;
    }
    if (direct == null) {
      client.closeAfter = true;
      client.refuse(
          ServeException.unavailable("the gateway's handler failed: " + e.getMessage(), 1));
      return;
    }
    String why = "upstream " + direct.base() + " failed: " + e.getMessage();
    direct.engine.pool().reportFailure(direct.member, sent ? e : new ConnectException(why));
    if (!sent || direct.idempotent()) {
      direct.release(); // the handler takes a slot of its own, on a replica it chooses
      client.retryOnHandler();
      return;
    }
    client.refuse(ServeException.unavailable(why, 5));
  }

  /** Called by the loop now and then: a replica that does not answer in time. */
  void tick(long now) {
    if (direct == null || done || now - deadline < 0) {
      return;
    }
    if (answer != null) {
      client.abort();
      return;
    }
    long ms = direct.runtime.deployment().limits().timeout().toMillis();
    String why = "upstream " + direct.base() + " did not answer within " + ms + " ms";
    direct.engine.pool().reportFailure(direct.member, new IOException(why));
    client.refuse(ServeException.unavailable(why, 1));
  }

  /**
   * Ends the exchange where it stands, counted as {@code code}; its slot is freed and the handler
   * told to stop.
   */
  void close(int code) {
    if (!done) {
      done = true;
      settle(code);
      if (direct == null) {
        loop.front.departures().left(id);
      }
    }
    if (up != null) {
      up.close();
      up = null;
    }
  }

  private static ByteBuffer append(ByteBuffer pending, ByteBuffer more) {
    var c = ByteBuffer.allocate(pending.remaining() + more.remaining());
    c.put(pending).put(more).flip();
    return c;
  }
}
