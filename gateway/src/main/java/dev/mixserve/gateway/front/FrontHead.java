package dev.mixserve.gateway.front;

import dev.mixserve.gateway.auth.Credentials;
import dev.mixserve.gateway.http.RequestTarget;
import dev.mixserve.gateway.upstream.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The head of one HTTP/1.x message as the front door reads it: the start line split in three, the
 * header lines as they came (offsets into the buffer, so that forwarding copies bytes, not
 * strings), and what frames the body. It parses only what routing and framing need; everything else
 * is the business of whoever answers.
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
  private final boolean strict;
  private int hosts;

  /** The headers this class knows by name; any other is {@link #OTHER}. */
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
  private static final int END_TO_END = 20;
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

  private static final String[] KNOWN = {
    "content-length",
    "transfer-encoding",
    "connection",
    "upgrade",
    "expect",
    "host",
    "x-request-timeout",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "http2-settings",
    CLIENT_HEADER,
    "content-type",
    "content-encoding",
    "accept-encoding",
    "origin",
    "access-control-request-method",
    Credentials.AUTHORIZATION,
    Credentials.API_KEY,
    Credentials.X_API_KEY
  };
  private static final int[] KIND_OF_KNOWN = {
    CONTENT_LENGTH,
    TRANSFER_ENCODING,
    CONNECTION,
    UPGRADE,
    EXPECT,
    HOST,
    REQUEST_TIMEOUT,
    KEEP_ALIVE,
    OTHER_PER_HOP,
    OTHER_PER_HOP,
    OTHER_PER_HOP,
    OTHER_PER_HOP,
    CLIENT_ID,
    CONTENT_TYPE,
    CONTENT_ENCODING,
    ACCEPT_ENCODING,
    ORIGIN,
    CORS_REQUEST_METHOD,
    AUTHORIZATION,
    API_KEY,
    X_API_KEY
  };

  private FrontHead(int length, String[] start, boolean strict) {
    this.length = length;
    this.first = start[0];
    this.second = start[1];
    this.third = start[2];
    this.strict = strict;
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
    return parse(buf, end, false);
  }

  /**
   * A request's head, held to one grammar (RFC 9112, the strict reading) so that whoever reads the
   * request after the front door cannot read it differently: the handler gets it re-written from
   * what is parsed here.
   */
  static FrontHead request(byte[] buf, int end) throws Malformed {
    FrontHead h = parse(buf, end, true);
    if (h != null) {
      h.checkRequest();
    }
    return h;
  }

  /**
   * The head at the start of {@code buf[0, end)}, or null when its blank line has not come yet.
   * Bare LF line ends are refused rather than guessed at (request smuggling hides there).
   */
  private static FrontHead parse(byte[] buf, int end, boolean strict) throws Malformed {
    int stop = find(buf, end);
    if (stop < 0) {
      for (int i = 0; i < end; i++) {
        if (buf[i] == '\n' && (i == 0 || buf[i - 1] != '\r')) {
          throw new Malformed("line not ended by CRLF"); // or it would wait for one forever
        }
      }
      if (end >= MAX) {
        throw new Malformed(431, "head larger than " + MAX + " bytes");
      }
      return null;
    }
    if (stop > MAX) {
      throw new Malformed(431, "head larger than " + MAX + " bytes");
    }
    int lineEnd = lineEnd(buf, 0, stop);
    String line = new String(buf, 0, lineEnd, StandardCharsets.ISO_8859_1);
    var head = new FrontHead(stop, strict ? requestLine(line) : startLine(line), strict);
    int pos = lineEnd + 2;
    while (pos < stop - 2) {
      int e = lineEnd(buf, pos, stop);
      if (strict && head.count >= MAX_LINES) {
        throw new Malformed(431, "more than " + MAX_LINES + " header lines");
      }
      head.header(buf, pos, e);
      pos = e + 2;
    }
    if (!strict && head.chunked && head.contentLength >= 0) {
      throw new Malformed("both Content-Length and Transfer-Encoding");
    }
    return head;
  }

  private void header(byte[] buf, int from, int to) throws Malformed {
    int colon = -1;
    for (int i = from; i < to; i++) {
      if (buf[i] == ':') {
        colon = i;
        break;
      }
      if (buf[i] == ' ' || buf[i] == '\t') {
        throw new Malformed(i == from ? "a folded header line" : "space in a header name");
      }
      if (strict && !tchar(buf[i])) {
        throw new Malformed("a header name holds a character that is not a token character");
      }
    }
    if (colon <= from) {
      throw new Malformed("header line without a name");
    }
    if (strict) {
      for (int i = colon + 1; i < to; i++) {
        int c = buf[i] & 0xff;
        if (c < 0x20 && c != '\t' || c == 0x7f) {
          throw new Malformed("a control character in a header value");
        }
      }
    }
    int kind = kind(buf, from, colon);
    if (count == kinds.length) {
      kinds = Arrays.copyOf(kinds, count * 2);
      bounds = Arrays.copyOf(bounds, count * 4);
    }
    bounds[2 * count] = from;
    bounds[2 * count + 1] = to;
    kinds[count++] = (byte) kind;
    if (kind == OTHER || kind >= KEEP_ALIVE && kind < END_TO_END) {
      return;
    }
    String value = new String(buf, colon + 1, to - colon - 1, StandardCharsets.ISO_8859_1).strip();
    switch (kind) {
      case CONTENT_LENGTH -> {
        long n = digits(value);
        if (n < 0) {
          throw new Malformed("Content-Length is not a number of bytes (1*DIGIT)");
        }
        if (contentLength >= 0 && (strict || contentLength != n)) {
          throw new Malformed("more than one Content-Length");
        }
        contentLength = n;
      }
      case TRANSFER_ENCODING -> {
        if (chunked || codings != null) {
          throw new Malformed("more than one Transfer-Encoding");
        }
        if (value.equalsIgnoreCase("chunked")) {
          chunked = true;
        } else if (strict) {
          codings = value; // understood by nobody here: 501, once the head is known to be whole
        } else {
          throw new Malformed("Transfer-Encoding other than chunked");
        }
      }
      case CONNECTION -> {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        close |= v.contains("close");
        keepAliveToken |= v.contains("keep-alive");
      }
      // Java's HttpClient offers h2c on every plain request; like nginx we answer in HTTP/1.1,
      // which declines it. Any other upgrade (WebSocket) is a protocol switch to pass on.
      case UPGRADE -> upgrade |= !value.equalsIgnoreCase("h2c");
      case EXPECT -> {
        expect = true;
        expectsContinue = value.equalsIgnoreCase("100-continue");
      }
      case HOST -> {
        host = value;
        hosts++;
      }
      case REQUEST_TIMEOUT -> timeoutHeader = true;
      case CONTENT_TYPE -> contentType = value;
      case CONTENT_ENCODING -> contentEncoding = value.toLowerCase(java.util.Locale.ROOT);
      case ACCEPT_ENCODING -> acceptsGzip |= Encodings.accepts(value, "gzip");
      case ORIGIN -> origin = value;
      case CORS_REQUEST_METHOD -> preflight = true;
      case AUTHORIZATION -> authorization = authorization == null ? value : authorization;
      case API_KEY -> apiKey = apiKey == null ? value : apiKey;
      case X_API_KEY -> xApiKey = xApiKey == null ? value : xApiKey;
      default -> {}
    }
  }

  /** A Content-Length value: 1 to 18 digits and nothing else, or -1. */
  private static long digits(String v) {
    if (v.isEmpty() || v.length() > 18) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** RFC 9110 §5.6.2. */
  static boolean tchar(byte b) {
    int c = b & 0xff;
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c < 0x80 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** What only a whole request head can be checked for. */
  private void checkRequest() throws Malformed {
    if (!third.equals("HTTP/1.1") && !http10()) {
      throw new Malformed(505, third + " is not served here; use HTTP/1.1 (or 1.0)");
    }
    // HTTP/1.0 predates Host: a request without one is routed by its path alone
    if (hosts > 1 || hosts == 0 && !http10()) {
      throw new Malformed(hosts == 0 ? "no Host header" : "more than one Host header");
    }
    if (host == null) {
      host = "localhost";
    }
    if (chunked && http10()) {
      throw new Malformed("Transfer-Encoding is HTTP/1.1's; an HTTP/1.0 body needs Content-Length");
    }
    if (chunked && contentLength >= 0) {
      throw new Malformed("both Content-Length and Transfer-Encoding");
    }
    if (codings != null) {
      throw new Malformed(501, "Transfer-Encoding '" + codings + "' is not supported; use chunked");
    }
    if (first.equals("CONNECT") || second.equals("*")) {
      throw new Malformed(405, first + " " + second + " is not served here");
    }
    try {
      target = RequestTarget.parse(second);
    } catch (RequestTarget.Invalid e) {
      throw new Malformed("bad request target: " + e.getMessage());
    }
    if (target.authority() != null) {
      host = target.authority(); // RFC 9112 §3.2.2: the target's authority wins over Host
    }
  }

  /** method SP request-target SP HTTP-version, with single spaces and a token for a method. */
  private static String[] requestLine(String line) throws Malformed {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new Malformed("bad request line");
    }
    for (int i = 0; i < parts[0].length(); i++) {
      if (!tchar((byte) parts[0].charAt(i))) {
        throw new Malformed("bad method");
      }
    }
    if (!parts[2].matches("HTTP/[0-9]\\.[0-9]")) {
      throw new Malformed("bad HTTP version");
    }
    return parts;
  }

  /** The kind of the header named by {@code buf[from, to)}, compared without regard to case. */
  private static int kind(byte[] buf, int from, int to) {
    int n = to - from;
    for (int k = 0; k < KNOWN.length; k++) {
      String known = KNOWN[k];
      if (known.length() != n) {
        continue;
      }
      int i = 0;
      while (i < n && (buf[from + i] | 0x20) == known.charAt(i)) {
        i++;
      }
      if (i == n) {
        return KIND_OF_KNOWN[k];
      }
    }
    return OTHER;
  }

  private static String[] startLine(String line) throws Malformed {
    int a = line.indexOf(' ');
    int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
    if (a <= 0) {
      throw new Malformed("bad start line");
    }
    if (b < 0) { // a status line may leave out its reason phrase
      return new String[] {line.substring(0, a), line.substring(a + 1), ""};
    }
    return new String[] {line.substring(0, a), line.substring(a + 1, b), line.substring(b + 1)};
  }

  /** Index just past the blank line ending the head, or -1. */
  static int find(byte[] buf, int end) {
    for (int i = 3; i < end; i++) {
      if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  private static int lineEnd(byte[] buf, int from, int stop) throws Malformed {
    for (int i = from; i < stop; i++) {
      if (buf[i] == '\n') {
        if (i == from || buf[i - 1] != '\r') {
          throw new Malformed("line not ended by CRLF");
        }
        return i - 1;
      }
    }
    throw new Malformed("unterminated line");
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
