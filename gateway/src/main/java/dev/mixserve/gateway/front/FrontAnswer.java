package dev.mixserve.gateway.front;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One answer on its way from a replica (or the handler) to the client: its head read and re-written
 * (always HTTP/1.1, the replica's connection headers dropped, ours added), its body passed through
 * as it arrives with its framing, and where it ends found, so that the connection can carry the
 * next request.
 */
public final class FrontAnswer {
  private static final byte[] HTTP11 = {'H', 'T', 'T', 'P', '/', '1', '.', '1'};
  private static final byte[] CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] KEEP_ALIVE =
      "Connection: keep-alive\r\n".getBytes(StandardCharsets.ISO_8859_1);

  /** What a read came to. */
  enum Step {
    MORE, // the answer goes on
    DONE, // all of it has come
    BROKE, // the replica closed in the middle of it
    GONE // the client went away (and all is closed)
  }

  private final FrontClient client;
  private final FrontLoop loop;
  private final boolean headRequest;
  private byte[] buf = new byte[8192];
  private int end;
  private FrontHead head;
  private int status;
  private long bodyLeft;
  private FrontChunks chunks;
  private boolean untilClose;
  private boolean reusable;
  private int headLength;
  private boolean dechunk; // an HTTP/1.0 client: chunked data passed on without its framing
  private boolean gzip; // compressed for a client that asked: held whole, then sent
  private byte[] whole;
  private int wholeEnd;
  private byte[] heldHead;

  /** The key's x-ratelimit-* lines for a direct answer (null: none), set by the exchange. */
  byte[] rateLines;

  FrontAnswer(FrontClient client, FrontLoop loop, boolean headRequest) {
    this.client = client;
    this.loop = loop;
    this.headRequest = headRequest;
  }

  boolean started() {
    return head != null;
  }

  int status() {
    return status;
  }

  /** Whether the replica's connection may carry another request after this answer. */
  boolean reusable() {
    return reusable;
  }

  /**
   * Reads what the replica sent and passes it on. {@code fromHandler}: the gateway's own handler
   * answers (its "close" is the client's); {@code requestWhole}: the request was all sent (else the
   * answer came early, and neither connection can go on after it). Throws when the replica ends or
   * garbles the answer before its head is whole: nothing reached the client yet.
   */
  Step read(SocketChannel ch, boolean fromHandler, boolean requestWhole) throws IOException {
    if (head == null) {
      if (end == buf.length) {
        if (buf.length >= FrontHead.MAX) {
          throw new IOException("answer head larger than " + FrontHead.MAX + " bytes");
        }
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      int n = ch.read(ByteBuffer.wrap(buf, end, buf.length - end));
      if (n < 0) {
        throw new EOFException("the replica closed the connection before answering");
      }
      end += n;
      FrontHead h;
      try {
        h = finalHead();
      } catch (FrontHead.Malformed e) {
        throw new IOException("garbled answer: " + e.getMessage());
      }
      return h == null ? Step.MORE : begin(h, fromHandler, requestWhole);
    }
    int n = ch.read(ByteBuffer.wrap(buf));
    if (n < 0) {
      if (untilClose) {
        reusable = false;
        return Step.DONE;
      }
      return Step.BROKE;
    }
    return body(0, n, null);
  }

  /** The final answer's head; interim ones (1xx) are dropped: the front door sent its own 100. */
  private FrontHead finalHead() throws FrontHead.Malformed {
    while (true) {
      FrontHead h = FrontHead.parse(buf, end);
      if (h == null) {
        return null;
      }
      int code = h.status();
      if (code >= 200) {
        return h;
      }
      if (code == 101) {
        throw new FrontHead.Malformed("101 to a request that asked for no upgrade");
      }
      System.arraycopy(buf, h.length, buf, 0, end - h.length);
      end -= h.length;
    }
  }

  private Step begin(FrontHead h, boolean fromHandler, boolean requestWhole) throws IOException {
    head = h;
    status = Integer.parseInt(h.second); // checked by finalHead
    if (!requestWhole) {
      client.closeAfter = true; // the rest of the request was not read: nothing after it is sure
    }
    if (status == 204 || status == 304 || headRequest) {
      bodyLeft = 0;
    } else if (h.chunked) {
      chunks = new FrontChunks();
      // chunks are HTTP/1.1's: an HTTP/1.0 client gets the data, ended by the connection's end
      dechunk = client.http10();
      client.closeAfter |= dechunk;
    } else if (h.contentLength >= 0) {
      bodyLeft = h.contentLength;
      gzip =
          client.acceptsGzip()
              && h.contentEncoding == null
              && h.contentLength >= Encodings.MIN_COMPRESS
              && h.contentLength <= Encodings.MAX_COMPRESS
              && Encodings.compressible(h.contentType);
    } else {
      untilClose = true; // an answer that ends with its connection ends the client's too
      client.closeAfter = true;
    }
    reusable = !h.close && h.first.equals("HTTP/1.1") && !untilClose && requestWhole;
    if (fromHandler && h.close) {
      client.closeAfter = true; // the handler's close (draining, a request it could not read)
    }
    byte[] out = rewrite(h, fromHandler);
    if (gzip) {
      whole = new byte[(int) h.contentLength];
      heldHead = java.util.Arrays.copyOf(out, headLength); // the loop's array is reused meanwhile
      return body(h.length, end, null);
    }
    return body(h.length, end, out);
  }

  /**
   * The head as the client gets it, in the loop's scratch array: always HTTP/1.1, without the
   * replica's connection headers (and framing the front door changes), with its own.
   */
  private byte[] rewrite(FrontHead h, boolean fromHandler) {
    byte[] node = fromHandler ? null : loop.front.nodeLine(); // the handler names it itself
    byte[] cors = client.corsLine();
    byte[] rate = fromHandler ? null : rateLines; // the handler adds its own
    int extra =
        CLOSE.length
            + 64
            + (node == null ? 0 : node.length)
            + (cors == null ? 0 : cors.length)
            + (rate == null ? 0 : rate.length);
    byte[] out = loop.head(h.length + extra);
    int n = 0;
    for (byte b : HTTP11) {
      out[n++] = b;
    }
    int from = h.first.length(); // the status line from the space after the version
    int lineEnd = h.count() > 0 ? h.start(0) : h.length - 2;
    System.arraycopy(buf, from, out, n, lineEnd - from);
    n += lineEnd - from;
    for (int i = 0; i < h.count(); i++) {
      int kind = h.kind(i);
      boolean dropped =
          kind == FrontHead.CONNECTION
              || kind == FrontHead.KEEP_ALIVE
              || dechunk && kind == FrontHead.TRANSFER_ENCODING
              || gzip && kind == FrontHead.CONTENT_LENGTH;
      if (!dropped) {
        int len = h.end(i) - h.start(i) + 2;
        System.arraycopy(buf, h.start(i), out, n, len);
        n += len;
      }
    }
    n = put(out, n, node);
    n = put(out, n, cors);
    n = put(out, n, rate);
    if (client.closeAfter) {
      n = put(out, n, CLOSE);
    } else if (client.http10()) {
      n = put(out, n, KEEP_ALIVE); // HTTP/1.0 keeps a connection only when told so
    }
    if (!gzip) {
      out[n++] = '\r';
      out[n++] = '\n';
    }
    headLength = n;
    return out;
  }

  private static int put(byte[] out, int n, byte[] line) {
    if (line == null) {
      return n;
    }
    System.arraycopy(line, 0, out, n, line.length);
    return n + line.length;
  }

  /** Passes on {@code buf[from, to)} of the body (after {@code out}'s head, when given). */
  private Step body(int from, int to, byte[] out) throws IOException {
    int stop;
    boolean last;
    var data = dechunk ? new java.io.ByteArrayOutputStream(to - from) : null;
    if (untilClose) {
      stop = to;
      last = false;
    } else if (chunks != null) {
      int e;
      try {
        e = data == null ? chunks.scan(buf, from, to) : chunks.scan(buf, from, to, data::write);
      } catch (FrontHead.Malformed m) {
        throw new IOException("garbled chunked answer: " + m.getMessage());
      }
      last = e >= 0;
      stop = last ? e : to;
    } else {
      int take = (int) Math.min(bodyLeft, to - from);
      bodyLeft -= take;
      stop = from + take;
      last = bodyLeft == 0;
    }
    if (stop < to) {
      reusable = false; // bytes after the answer: nobody asked for them
    }
    if (gzip) {
      System.arraycopy(buf, from, whole, wholeEnd, stop - from);
      wholeEnd += stop - from;
      if (!last) {
        return Step.MORE;
      }
      return client.send(compressed()) ? Step.DONE : Step.GONE;
    }
    byte[] src = buf;
    if (data != null) {
      src = data.toByteArray();
      from = 0;
      stop = src.length;
    }
    ByteBuffer b;
    if (out == null) {
      b = ByteBuffer.wrap(src, from, stop - from);
    } else if (headLength + stop - from <= out.length) {
      System.arraycopy(src, from, out, headLength, stop - from); // one write for head and body
      b = ByteBuffer.wrap(out, 0, headLength + stop - from);
    } else {
      byte[] all = Arrays.copyOf(out, headLength + stop - from);
      System.arraycopy(src, from, all, headLength, stop - from);
      b = ByteBuffer.wrap(all);
    }
    if (!client.send(b)) {
      return Step.GONE;
    }
    return last ? Step.DONE : Step.MORE;
  }

  /** The held head with the compressed body's framing, and the body, as one write. */
  private ByteBuffer compressed() {
    byte[] z = Encodings.gzip(whole, 0, wholeEnd);
    byte[] lines =
        ("Content-Encoding: gzip\r\nVary: Accept-Encoding\r\nContent-Length: "
                + z.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    var all = ByteBuffer.allocate(heldHead.length + lines.length + z.length);
    return all.put(heldHead).put(lines).put(z).flip();
  }
}
