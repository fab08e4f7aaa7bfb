package dev.mixserve.gateway.upstream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * An upstream answer's body; {@link #complete()} once read to its end, so the connection can serve
 * again.
 */
public abstract class UpstreamBody extends InputStream {
  final InputStream in;

  private UpstreamBody(InputStream in) {
    this.in = in;
  }

  abstract boolean complete();

  static UpstreamBody fixed(InputStream in, long length) {
    return new Fixed(in, length);
  }

  static UpstreamBody chunked(InputStream in) {
    return new Chunked(in);
  }

  static UpstreamBody untilClose(InputStream in) {
    return new UntilClose(in);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public void close() {
    // the connection is the pool's; the proxy decides whether it goes back or closes
  }

  private static final class Fixed extends UpstreamBody {
    private long remaining;

    Fixed(InputStream in, long length) {
      super(in);
      this.remaining = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new EOFException("upstream closed with " + remaining + " bytes of its body unsent");
      }
      remaining -= n;
      return n;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(remaining, in.available());
    }

    @Override
    boolean complete() {
      return remaining == 0;
    }
  }

  /** RFC 9112 §7.1; extensions and trailers are read and dropped. */
  private static final class Chunked extends UpstreamBody {
    private long remaining;
    private boolean started;
    private boolean done;

    Chunked(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done || remaining == 0 && !nextChunk()) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new EOFException("upstream closed inside a chunk");
      }
      remaining -= n;
      return n;
    }

    private boolean nextChunk() throws IOException {
      int[] budget = {8192};
      if (started && !UpstreamResponse.line(in, budget, false).isEmpty()) {
        throw new ProtocolException("chunk not followed by CRLF");
      }
      started = true;
      String size = UpstreamResponse.line(in, budget, false);
      int semi = size.indexOf(';');
      try {
        remaining = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new ProtocolException("bad chunk size from upstream: " + size);
      }
      if (remaining < 0) {
        throw new ProtocolException("bad chunk size from upstream: " + size);
      }
      if (remaining == 0) {
        while (!UpstreamResponse.line(in, budget, false).isEmpty()) {} // trailers
        done = true;
      }
      return !done;
    }

    @Override
    public int available() throws IOException {
      return done ? 0 : remaining > 0 ? (int) Math.min(remaining, in.available()) : in.available();
    }

    @Override
    boolean complete() {
      return done;
    }
  }

  private static final class UntilClose extends UpstreamBody {
    private boolean done;

    UntilClose(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      done = n < 0;
      return n;
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    boolean complete() {
      return done;
    }
  }
}
