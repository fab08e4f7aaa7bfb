package dev.mixserve.gateway.front;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/**
 * Content codings at the front door: answers compressed for clients that ask (gzip, JSON over a
 * threshold), request bodies inflated for the handler (gzip, deflate), with the body limit applied
 * to what comes out, so that a zip bomb is a 413 and not the heap.
 */
public final class Encodings {
  /** Answers smaller than this are not worth the CPU; nginx's gzip_min_length is 20 bytes. */
  static final int MIN_COMPRESS = 1024;

  /** Answers larger than this pass uncompressed: the front door would hold them whole. */
  static final int MAX_COMPRESS = 8 << 20;

  private Encodings() {}

  /** Whether an Accept-Encoding value accepts {@code coding} (or *) with a q above 0. */
  static boolean accepts(String acceptEncoding, String coding) {
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.strip().split(";");
      String name = p[0].strip().toLowerCase(Locale.ROOT);
      if (!name.equals(coding) && !name.equals("*")) {
        continue;
      }
      double q = 1;
      for (int i = 1; i < p.length; i++) {
        String param = p[i].strip();
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      return q > 0;
    }
    return false;
  }

  /** Whether an answer of this type is compressed when asked: JSON, text, not streams or audio. */
  static boolean compressible(String contentType) {
    if (contentType == null) {
      return false;
    }
    String t = contentType.toLowerCase(Locale.ROOT);
    return t.startsWith("application/json")
        || t.startsWith("text/plain")
        || t.startsWith("text/html");
  }

  static byte[] gzip(byte[] data, int from, int length) {
    var out = new ByteArrayOutputStream(Math.max(64, length / 4));
    try (var z =
        new GZIPOutputStream(out, 8192) {
          {
            def.setLevel(Deflater.BEST_SPEED); // on the event loop: speed over the last percent
          }
        }) {
      z.write(data, from, length);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a byte array does not fail
    }
    return out.toByteArray();
  }

  /** The request codings the front door decodes; null for identity. */
  static Inflate inflater(String contentEncoding) {
    return switch (contentEncoding) {
      case "gzip", "x-gzip" -> new Inflate(true);
      case "deflate" -> new Inflate(false);
      default -> null;
    };
  }

  /** A gzip or deflate stream decoded as it arrives. */
  static final class Inflate {
    private final Inflater inflater;
    private final GzipHeader header; // null for deflate
    private final byte[] out = new byte[16384];

    Inflate(boolean gzip) {
      this.header = gzip ? new GzipHeader() : null;
      this.inflater = new Inflater(gzip); // gzip: raw deflate after a header read here
    }

    /** Decodes {@code buf[from, to)}, writing what comes out to {@code sink}; false at its end. */
    boolean feed(byte[] buf, int from, int to, ByteArrayOutputStream sink)
        throws FrontHead.Malformed {
      int i = from;
      while (header != null && !header.done() && i < to) {
        header.next(buf[i++]);
      }
      if (header != null && !header.done()) {
        return true;
      }
      if (inflater.finished()) {
        return false; // the gzip trailer and anything after the stream
      }
      if (i < to) {
        inflater.setInput(buf, i, to - i);
      }
      try {
        int n;
        while ((n = inflater.inflate(out)) > 0) {
          sink.write(out, 0, n);
        }
      } catch (DataFormatException e) {
        throw new FrontHead.Malformed("a body that does not inflate: " + e.getMessage());
      }
      return !inflater.finished();
    }

    void close() {
      inflater.end();
    }
  }

  /** RFC 1952's header, its optional fields included, read a byte at a time. */
  private static final class GzipHeader {
    private int read;
    private int flags;
    private int extra = -1; // FEXTRA bytes left, once their length is known
    private int extraLength;
    private int stage; // 0 fixed, 1 extra length, 2 extra, 3 name, 4 comment, 5 crc, 6 done

    boolean done() {
      return stage == 6;
    }

    void next(byte b) throws FrontHead.Malformed {
      int v = b & 0xff;
      switch (stage) {
        case 0 -> {
          if (read == 0 && v != 0x1f || read == 1 && v != 0x8b || read == 2 && v != 8) {
            throw new FrontHead.Malformed("not a gzip stream");
          }
          if (read == 3) {
            flags = v;
          }
          if (++read == 10) {
            advance(0);
          }
        }
        case 1 -> {
          extraLength |= v << (8 * (read++ - 10));
          if (read == 12) {
            extra = extraLength;
            if (extra == 0) {
              advance(2);
            } else {
              stage = 2;
            }
          }
        }
        case 2 -> {
          if (--extra == 0) {
            advance(2);
          }
        }
        case 3, 4 -> {
          if (v == 0) {
            advance(stage);
          }
        }
        case 5 -> {
          if (++read == 2) {
            stage = 6;
          }
        }
        default -> {}
      }
    }

    /** Moves past {@code after} to the next optional field the flags announce. */
    private void advance(int after) {
      if (after < 1 && (flags & 4) != 0) {
        stage = 1;
      } else if (after < 3 && (flags & 8) != 0) {
        stage = 3;
      } else if (after < 4 && (flags & 16) != 0) {
        stage = 4;
      } else if ((flags & 2) != 0) {
        stage = 5;
        read = 0;
      } else {
        stage = 6;
      }
    }
  }
}
