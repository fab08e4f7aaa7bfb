package dev.mixserve.gateway.front;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request body the front door passes to the handler as it arrives: counted against its limit and,
 * when chunked, re-framed (chunk extensions and trailers dropped), so that the handler reads one
 * framing that the front door has checked byte by byte, not the client's.
 */
public final class FrontBody {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final long limit;
  private final FrontChunks chunks; // null for a body of known length
  private final Encodings.Inflate inflate; // a gzip or deflate body, decoded here; else null
  private long left; // bytes still to come, for a body of known length
  private long received; // body bytes, without framing
  private long raw; // bytes read from the client, framing included
  private boolean done;

  private FrontBody(long limit, FrontChunks chunks, long length, Encodings.Inflate inflate) {
    this.limit = limit;
    this.chunks = chunks;
    this.inflate = inflate;
    this.left = length;
    this.done = chunks == null && length == 0;
  }

  static FrontBody length(long length, long limit) {
    return new FrontBody(limit, null, length, null);
  }

  static FrontBody chunked(long limit) {
    return new FrontBody(limit, new FrontChunks(true), 0, null);
  }

  /**
   * A body in a content coding the front door decodes: the handler gets it inflated and chunked,
   * and the limit counts what comes out, so that a zip bomb is a 413.
   */
  static FrontBody inflating(boolean chunked, long length, long limit, Encodings.Inflate inflate) {
    return new FrontBody(limit, chunked ? new FrontChunks(true) : null, length, inflate);
  }

  boolean done() {
    return done;
  }

  /** Whether what goes to the handler is written to {@code out} (re-framed), not passed as is. */
  boolean reframed() {
    return chunks != null || inflate != null;
  }

  /** Bytes read from the client for this body so far, framing included. */
  long raw() {
    return raw;
  }

  /**
   * Takes what belongs to the body from {@code buf[from, to)}; returns how many bytes it took (the
   * rest is the next request). A chunked body writes what goes to the handler, re-framed, to {@code
   * out}; a body of known length goes on as it came. Throws (413, 400) for a body over the limit or
   * framing that is not chunked.
   */
  int take(byte[] buf, int from, int to, ByteArrayOutputStream out) throws FrontHead.Malformed {
    if (done) {
      return 0;
    }
    int taken;
    if (chunks == null) {
      taken = (int) Math.min(left, to - from); // passed on from buf itself unless decoded
      left -= taken;
      done = left == 0;
      if (inflate != null) {
        data(buf, from, taken, out);
      } else {
        received += taken;
      }
    } else {
      int end = chunks.scan(buf, from, to, (b, f, n) -> data(b, f, n, out));
      done = end >= 0;
      taken = (done ? end : to) - from;
    }
    if (done && reframed()) {
      if (inflate != null) {
        inflate.close();
      }
      out.writeBytes(LAST);
    }
    raw += taken;
    // chunk extensions, trailers and compressed bytes: bound them as the data is bounded
    if (raw > 2 * limit + 65536) {
      throw tooLarge();
    }
    return taken;
  }

  /** A piece of the body's data: decoded if it must be, counted, written as one chunk. */
  private void data(byte[] b, int f, int n, ByteArrayOutputStream out) throws FrontHead.Malformed {
    if (inflate != null) {
      var plain = new ByteArrayOutputStream(4 * n + 64);
      inflate.feed(b, f, f + n, plain);
      b = plain.toByteArray();
      f = 0;
      n = b.length;
    }
    received += n;
    if (received > limit) {
      throw tooLarge();
    }
    if (n > 0) {
      out.writeBytes(Integer.toHexString(n).getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(CRLF);
      out.write(b, f, n);
      out.writeBytes(CRLF);
    }
  }

  private FrontHead.Malformed tooLarge() {
    return new FrontHead.Malformed(
        413, "request body larger than the limit of " + limit + " bytes");
  }
}
