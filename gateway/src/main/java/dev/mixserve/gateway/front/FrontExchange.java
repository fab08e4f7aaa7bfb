package dev.mixserve.gateway.front;

import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * One request on its way from a client connection to a replica (direct) or to the gateway's
 * handler, and its answer on the way back: the request's bytes go out over a kept-alive connection
 * of the loop, the answer comes back as it arrives, its framing passed through, its head
 * re-written.
 */
public final class FrontExchange {

  private final FrontClient client;
  private final FrontLoop loop;
  final FrontRoute.Direct direct; // null: the handler answers
  final long id; // the handler's name for this request (X-Mixserve-Client); 0 when direct
  private final URI target;
  private final byte[] request; // the whole request when it is all here: a retry sends it again
  private ByteBuffer upOut; // bytes the replica has not taken yet
  private boolean streaming; // the body is still coming from the client
  private FrontUpstream up;
  private boolean sent;
  private boolean retried;
  private long deadline;

  private final FrontAnswer answer;
  private boolean done;

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
    this.answer = new FrontAnswer(client, client.loop, headRequest);
    this.answer.rateLines = direct == null ? null : direct.grant.rateLines();
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
    return answer.started();
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
    if (len == 0 || answer.started()) {
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
    if (!answer.started() || !client.writing()) {
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
    boolean whole = !streaming && upOut == null;
    var step = answer.read(up.ch, direct == null, whole);
    if (answer.started()) {
      upOut = null; // an answer that began has made the rest of the body moot
      if (direct != null) {
        deadline = System.nanoTime() + direct.runtime.deployment().limits().timeout().toNanos();
      }
    }
    switch (step) {
      case MORE -> {
        if (client.writing()) {
          up.key.interestOps(0); // the replica waits until the client has taken this
        }
      }
      case DONE -> complete();
      case BROKE -> client.abort();
      case GONE -> {} // the client went away: its close closed the replica's connection too
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
      direct.member.answered(answer.status()); // sign of life for a replica too busy to probe
    }
    settle(answer.status());
    if (answer.reusable()) {
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
      loop.front.audit(direct, code);
    }
  }

  /** The replica connection broke; what happens depends on whether the client heard anything. */
  void upstreamFailed(FrontUpstream u, Exception e) {
    if (u != up) {
      u.close();
      return;
    }
    if (answer.started()) {
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
      direct.handBack(); // the handler takes a slot of its own, on a replica it chooses
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
    if (answer.started()) {
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
