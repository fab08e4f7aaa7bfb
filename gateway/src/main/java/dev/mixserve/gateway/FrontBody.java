package dev.mixserve.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request body the front door passes to the handler as it arrives: counted against its limit and,
 * when chunked, re-framed (chunk extensions and trailers dropped), so that the handler reads one
 * framing that the front door has checked byte by byte, not the client's.
 */
final class FrontBody {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final long limit;
  private final FrontChunks chunks; // null for a body of known length
  private long left; // bytes still to come, for a body of known length
  private long received; // body bytes, without framing
  private long raw; // bytes read from the client, framing included
  private boolean done;

  private FrontBody(long limit, FrontChunks chunks, long length) {
    this.limit = limit;
    this.chunks = chunks;
    this.left = length;
    this.done = chunks == null && length == 0;
  }

  static FrontBody length(long length, long limit) {
    return new FrontBody(limit, null, length);
  }

  static FrontBody chunked(long limit) {
    return new FrontBody(limit, new FrontChunks(true), 0);
  }

  boolean done() {
    return done;
  }

  boolean chunked() {
    return chunks != null;
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
      taken = (int) Math.min(left, to - from); // passed on from buf itself by the caller
      left -= taken;
      received += taken;
      done = left == 0;
    } else {
      int end =
          chunks.scan(
              buf,
              from,
              to,
              (b, f, n) -> {
                received += n;
                if (received > limit) {
                  throw tooLarge();
                }
                out.writeBytes(Integer.toHexString(n).getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(CRLF);
                out.write(b, f, n);
                out.writeBytes(CRLF);
              });
      done = end >= 0;
      taken = (done ? end : to) - from;
      if (done) {
        out.writeBytes(LAST);
      }
    }
    raw += taken;
    // chunk extensions and trailers are framing nobody reads: bound them as the data is bounded
    if (raw > 2 * limit + 65536) {
      throw tooLarge();
    }
    return taken;
  }

  private FrontHead.Malformed tooLarge() {
    return new FrontHead.Malformed(
        413, "request body larger than the limit of " + limit + " bytes");
  }
}
