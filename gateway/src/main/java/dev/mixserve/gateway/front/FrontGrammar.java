package dev.mixserve.gateway.front;

import static dev.mixserve.gateway.front.FrontHead.MAX;
import static dev.mixserve.gateway.front.FrontHead.MAX_LINES;

import dev.mixserve.gateway.front.FrontHead.Malformed;
import dev.mixserve.gateway.http.RequestTarget;
import java.nio.charset.StandardCharsets;

/**
 * The grammar the front door reads HTTP/1.x heads by (RFC 9112): lines ended by CRLF, a start line
 * in three parts, field lines with a token for a name and no control character in a value, a head
 * of at most {@link FrontHead#MAX} bytes and {@link FrontHead#MAX_LINES} lines. A request is held
 * to the strict reading, and then to what only a whole head can be checked for: its version, its
 * Host, its framing and its target.
 */
final class FrontGrammar {
  private FrontGrammar() {}

  /**
   * A request's head, held to one grammar (RFC 9112, the strict reading) so that whoever reads the
   * request after the front door cannot read it differently: the handler gets it re-written from
   * what is parsed here.
   */
  static FrontHead request(byte[] buf, int end) throws Malformed {
    FrontHead h = parse(buf, end, true);
    if (h != null) {
      checkRequest(h);
    }
    return h;
  }

  /**
   * The head at the start of {@code buf[0, end)}, or null when its blank line has not come yet.
   * Bare LF line ends are refused rather than guessed at (request smuggling hides there).
   */
  static FrontHead parse(byte[] buf, int end, boolean strict) throws Malformed {
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
    var head = new FrontHead(stop, strict ? requestLine(line) : startLine(line));
    int pos = lineEnd + 2;
    while (pos < stop - 2) {
      int e = lineEnd(buf, pos, stop);
      if (strict && head.count() >= MAX_LINES) {
        throw new Malformed(431, "more than " + MAX_LINES + " header lines");
      }
      fieldLine(head, buf, pos, e, strict);
      pos = e + 2;
    }
    if (!strict && head.chunked && head.contentLength >= 0) {
      throw new Malformed("both Content-Length and Transfer-Encoding");
    }
    return head;
  }

  /** One field line, {@code buf[from, to)}: its name and value checked, its kind and value read. */
  private static void fieldLine(FrontHead head, byte[] buf, int from, int to, boolean strict)
      throws Malformed {
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
    int kind = FrontFields.kind(buf, from, colon);
    head.add(from, to, kind);
    FrontFields.read(head, kind, buf, colon, to, strict);
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
  private static void checkRequest(FrontHead h) throws Malformed {
    if (!h.third.equals("HTTP/1.1") && !h.http10()) {
      throw new Malformed(505, h.third + " is not served here; use HTTP/1.1 (or 1.0)");
    }
    // HTTP/1.0 predates Host: a request without one is routed by its path alone
    if (h.hosts > 1 || h.hosts == 0 && !h.http10()) {
      throw new Malformed(h.hosts == 0 ? "no Host header" : "more than one Host header");
    }
    if (h.host == null) {
      h.host = "localhost";
    }
    if (h.chunked && h.http10()) {
      throw new Malformed("Transfer-Encoding is HTTP/1.1's; an HTTP/1.0 body needs Content-Length");
    }
    if (h.chunked && h.contentLength >= 0) {
      throw new Malformed("both Content-Length and Transfer-Encoding");
    }
    if (h.codings != null) {
      throw new Malformed(
          501, "Transfer-Encoding '" + h.codings + "' is not supported; use chunked");
    }
    if (h.first.equals("CONNECT") || h.second.equals("*")) {
      throw new Malformed(405, h.first + " " + h.second + " is not served here");
    }
    try {
      h.target = RequestTarget.parse(h.second);
    } catch (RequestTarget.Invalid e) {
      throw new Malformed("bad request target: " + e.getMessage());
    }
    if (h.target.authority() != null) {
      h.host = h.target.authority(); // RFC 9112 §3.2.2: the target's authority wins over Host
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
}
