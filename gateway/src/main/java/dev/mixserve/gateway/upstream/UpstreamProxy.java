package dev.mixserve.gateway.upstream;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.gateway.http.Call;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Forwards one call to an upstream server over a kept-alive connection and copies the answer back
 * as it arrives, all on the request's virtual thread.
 */
public final class UpstreamProxy {
  /** Bodies up to this size are read whole and sent in one write with the head. */
  private static final int WHOLE = 65536;

  private UpstreamProxy() {}

  /** What became of a forward. */
  public sealed interface Outcome {
    /** The upstream's answer, whatever its status, went to the client (or began to). */
    record Answered(int status) implements Outcome {}

    /**
     * Nothing reached the client yet; {@code requestSent} false means the upstream never saw the
     * request either, so any request may be tried on another replica, not only an idempotent one.
     */
    record Failed(ServeException error, boolean requestSent) implements Outcome {}
  }

  /** Forwards; a failure after the answer began is thrown (UncheckedIOException), not returned. */
  public static Outcome tryForward(Call call, UpstreamPool pool, Duration deadline) {
    var meter = TokenMeter.of(call);
    byte[] request =
        UpstreamRequest.encode(
            call, pool.base(), meter == null ? null : meter.request(call.body()));
    boolean head = call.method().equals("HEAD");
    UpstreamConnection c;
    try {
      c = pool.acquire();
    } catch (IOException e) {
      return unreachable(pool, e);
    }
    UpstreamResponse res;
    try {
      res = exchange(c, request, head, deadline);
    } catch (IOException e) {
      c.close();
      if (!c.reused() || e instanceof SocketTimeoutException || e instanceof ProtocolException) {
        return failed(pool, e, deadline);
      }
      // Most likely the upstream closed this idle connection as we took it: one more try on a
      // new connection, which cannot be stale (OkHttp retries so too). Timeouts and garbled
      // answers are not retried: the upstream got the request and is slow or broken.
      try {
        c = pool.fresh();
      } catch (IOException again) {
        return unreachable(pool, again);
      }
      try {
        res = exchange(c, request, head, deadline);
      } catch (IOException again) {
        c.close();
        return failed(pool, again, deadline);
      }
    }
    copy(call, c, res, pool, meter);
    return new Outcome.Answered(res.status);
  }

  private static UpstreamResponse exchange(
      UpstreamConnection c, byte[] request, boolean head, Duration deadline) throws IOException {
    c.readTimeout(deadline);
    c.out().write(request);
    c.out().flush();
    return UpstreamResponse.read(c.in(), head);
  }

  private static Outcome unreachable(UpstreamPool pool, IOException e) {
    return new Outcome.Failed(
        ServeException.unavailable(
            "upstream " + pool.base() + " is unreachable: " + e.getMessage(), 5),
        false);
  }

  private static Outcome failed(UpstreamPool pool, IOException e, Duration deadline) {
    var error =
        e instanceof SocketTimeoutException
            ? ServeException.unavailable(
                "upstream " + pool.base() + " did not answer within " + deadline.toMillis() + " ms",
                1)
            : ServeException.unavailable(
                "upstream " + pool.base() + " failed: " + e.getMessage(), 5);
    return new Outcome.Failed(error, true);
  }

  private static void copy(
      Call call, UpstreamConnection c, UpstreamResponse res, UpstreamPool pool, TokenMeter meter) {
    boolean settled = false; // the connection went back to the pool or was closed
    try {
      var out = call.response();
      out.status(res.status);
      for (String[] h : res.headers) {
        var name = HeaderNames.create(h[0]);
        if (!UpstreamRequest.PER_HOP.contains(name.lowerCase())) {
          out.headers().add(HeaderValues.create(name, h[1]));
        }
      }
      if (res.contentLength >= 0) {
        out.contentLength(res.contentLength);
      }
      if (res.contentLength >= 0 && res.contentLength <= WHOLE) {
        byte[] body = res.body.readNBytes((int) res.contentLength);
        settled = done(c, res, pool); // back to the pool before the client is written to
        if (meter != null) {
          meter.charge(body, 0, body.length);
        }
        if (call.method().equals("HEAD")) {
          out.send();
        } else {
          out.send(body);
        }
        return;
      }
      var os = out.outputStream();
      stream(res, meter == null ? os : meter.answer(os, eventStream(res), res.contentLength < 0));
      settled = done(c, res, pool);
    } catch (IOException e) {
      // Either side went away mid-answer; the status is sent, nothing more can be said.
      throw new UncheckedIOException(e);
    } finally {
      if (!settled) {
        c.close();
      }
    }
  }

  private static boolean eventStream(UpstreamResponse res) {
    for (String[] h : res.headers) {
      if (h[0].equalsIgnoreCase("content-type") && h[1].startsWith("text/event-stream")) {
        return true;
      }
    }
    return false;
  }

  private static void stream(UpstreamResponse res, OutputStream os) throws IOException {
    try (os) {
      byte[] buf = new byte[8192];
      int n;
      while ((n = res.body.read(buf)) > 0) {
        os.write(buf, 0, n);
        if (res.body.available() == 0) {
          os.flush(); // streamed answers (SSE) reach the client chunk by chunk
        }
      }
    }
  }

  private static boolean done(UpstreamConnection c, UpstreamResponse res, UpstreamPool pool) {
    if (res.keepAlive && res.body.complete()) {
      pool.release(c);
    } else {
      c.close();
    }
    return true;
  }
}
