package dev.mixserve.gateway.front;

import dev.mixserve.gateway.auth.Credentials;
import dev.mixserve.gateway.http.RequestTarget;
import dev.mixserve.gateway.upstream.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The head of one HTTP/1.x message as the front door reads it: the start line split in three, the
 * header lines as they came (offsets into the buffer, so that forwarding copies bytes, not
 * strings), and what frames the body. It holds only what routing and framing need; everything else
 * is the business of whoever answers. {@link FrontGrammar} reads it, {@link FrontFields} the header
 * fields it knows.
 */
public final class FrontHead {
  /** A head larger than this is refused (431); Helidon's default is 8 KiB, nginx's 8–32 KiB. */
  static final int MAX = 32768;

  /** More header lines than this are refused (431), as Helidon and most servers do. */
  static final int MAX_LINES = 100;

  final int length; // bytes of the head, the blank line included
  final String first; // method, or HTTP version for a response
  final String second; // request target, or status code
  final String third; // HTTP version, or reason phrase
  // Header lines as offsets (start, end without CRLF) and the kind of each: no string is made of
  // a header nobody here reads (a proxy at 30k requests/s made most of its garbage that way).
  private int[] bounds = new int[32];
  private byte[] kinds = new byte[16];
  private int count;
  long contentLength = -1;
  boolean chunked;
  boolean close;
  boolean keepAliveToken; // "Connection: keep-alive", which an HTTP/1.0 client must send to keep it
  boolean upgrade;
  boolean expect;
  boolean expectsContinue;
  String host;
  boolean timeoutHeader;
  String contentType; // for an answer: whether it may be compressed
  String contentEncoding;
  boolean acceptsGzip;
  String origin; // a browser's, for CORS
  boolean preflight; // OPTIONS with Access-Control-Request-Method
  String codings; // a Transfer-Encoding other than chunked, answered 501
  String authorization; // the three places an API key may be (see Credentials)
  String apiKey;
  String xApiKey;
  RequestTarget target; // requests only: the canonical target
  int hosts; // Host lines, of which a request must have one (none in HTTP/1.0)

  /**
   * The headers the front door knows by name ({@link FrontFields}); any other is {@link #OTHER}.
   */
  static final int OTHER = 0;

  static final int CONTENT_LENGTH = 1;
  static final int TRANSFER_ENCODING = 2;
  static final int CONNECTION = 3;
  static final int UPGRADE = 4;
  static final int EXPECT = 5;
  static final int HOST = 6;
  static final int KEEP_ALIVE = 8;
  static final int OTHER_PER_HOP = 9;
  static final int CLIENT_ID = 10;

  // Kinds from here on are end-to-end: passed on, but read by the front door.
  static final int END_TO_END = 20;
  static final int REQUEST_TIMEOUT = 20;
  static final int CONTENT_TYPE = 21;
  static final int CONTENT_ENCODING = 22;
  static final int ACCEPT_ENCODING = 23;
  static final int ORIGIN = 24;
  static final int CORS_REQUEST_METHOD = 25;
  static final int AUTHORIZATION = 26;
  static final int API_KEY = 27;
  static final int X_API_KEY = 28;

  /** The header the front door names each request it passes to the handler by. */
  public static final String CLIENT_HEADER = "x-mixserve-client";

  FrontHead(int length, String[] start) {
    this.length = length;
    this.first = start[0];
    this.second = start[1];
    this.third = start[2];
  }

  int count() {
    return count;
  }

  /** Offset of header line {@code i}. */
  int start(int i) {
    return bounds[2 * i];
  }

  /** Offset just past header line {@code i}, its CRLF excluded. */
  int end(int i) {
    return bounds[2 * i + 1];
  }

  int kind(int i) {
    return kinds[i];
  }

  /**
   * Whether header {@code i} belongs to this hop only (RFC 9110 §7.6.1) or frames it; as {@link
   * UpstreamRequest#PER_HOP}.
   */
  boolean perHop(int i) {
    return kinds[i] != OTHER && kinds[i] < END_TO_END;
  }

  /**
   * Whether this request asks to go on after its answer: HTTP/1.1 without "close", HTTP/1.0 with
   * "keep-alive".
   */
  boolean keepAlive() {
    return !close && (third.equals("HTTP/1.1") || keepAliveToken);
  }

  boolean http10() {
    return third.equals("HTTP/1.0");
  }

  /** The API key this request presents, read as the handler reads it. */
  String presentedKey() {
    return Credentials.key(
        name ->
            switch (name) {
              case Credentials.AUTHORIZATION -> authorization;
              case Credentials.API_KEY -> apiKey;
              default -> xApiKey;
            });
  }

  /** The lowercase name of header {@code i}, for tests and messages. */
  String name(byte[] buf, int i) {
    int colon = start(i);
    while (buf[colon] != ':') {
      colon++;
    }
    return new String(buf, start(i), colon - start(i), StandardCharsets.ISO_8859_1).toLowerCase();
  }

  /** Adds the next header line, {@code buf[from, to)} without its CRLF, of {@code kind}. */
  void add(int from, int to, int kind) {
    if (count == kinds.length) {
      kinds = Arrays.copyOf(kinds, count * 2);
      bounds = Arrays.copyOf(bounds, count * 4);
    }
    bounds[2 * count] = from;
    bounds[2 * count + 1] = to;
    kinds[count++] = (byte) kind;
  }

  /**
   * Thrown for a head that cannot be taken; the connection is answered {@link #status} and closed.
   */
  static final class Malformed extends Exception {
    final int status;

    Malformed(String message) {
      this(400, message);
    }

    Malformed(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** An answer's head, read as leniently as its framing allows. */
  static FrontHead parse(byte[] buf, int end) throws Malformed {
    return FrontGrammar.parse(buf, end, false);
  }

  /** A request's head, by the strict grammar and checked whole ({@link FrontGrammar#request}). */
  static FrontHead request(byte[] buf, int end) throws Malformed {
    return FrontGrammar.request(buf, end);
  }

  /** A status code, for a response head. */
  int status() throws Malformed {
    try {
      return Integer.parseInt(second);
    } catch (NumberFormatException e) {
      throw new Malformed("bad status " + second);
    }
  }
}
