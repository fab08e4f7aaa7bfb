package dev.mixserve.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The head of one HTTP/1.x message as the front door reads it: the start line split in three, the
 * header lines as they came (offsets into the buffer, so that forwarding copies bytes, not
 * strings), and what frames the body. It parses only what routing and framing need; everything else
 * is the business of whoever answers.
 */
final class FrontHead {
  /** A head larger than this is refused (431); Helidon's default is 8 KiB, nginx's 8–32 KiB. */
  static final int MAX = 32768;

  final int length; // bytes of the head, the blank line included
  final String first; // method, or HTTP version for a response
  final String second; // request target, or status code
  final String third; // HTTP version, or reason phrase
  final List<int[]> lines; // {start, end} of each header line, CRLF excluded
  final List<String> names; // lowercase, one per line
  long contentLength = -1;
  boolean chunked;
  boolean close;
  boolean upgrade;
  boolean expect;
  String host;
  boolean timeoutHeader;

  private FrontHead(int length, String[] start, List<int[]> lines, List<String> names) {
    this.length = length;
    this.first = start[0];
    this.second = start[1];
    this.third = start[2];
    this.lines = lines;
    this.names = names;
  }

  /** Thrown for a head that is not HTTP/1.x; the connection is answered 400 and closed. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The head at the start of {@code buf[0, end)}, or null when its blank line has not come yet.
   * Bare LF line ends are refused rather than guessed at (request smuggling hides there).
   */
  static FrontHead parse(byte[] buf, int end) throws Malformed {
    int stop = find(buf, end);
    if (stop < 0) {
      for (int i = 0; i < end; i++) {
        if (buf[i] == '\n' && (i == 0 || buf[i - 1] != '\r')) {
          throw new Malformed("line not ended by CRLF"); // or it would wait for one forever
        }
      }
      if (end >= MAX) {
        throw new Malformed("head larger than " + MAX + " bytes");
      }
      return null;
    }
    int lineEnd = lineEnd(buf, 0, stop);
    String[] start = startLine(new String(buf, 0, lineEnd, StandardCharsets.ISO_8859_1));
    var lines = new ArrayList<int[]>();
    var names = new ArrayList<String>();
    int pos = lineEnd + 2;
    while (pos < stop - 2) {
      int e = lineEnd(buf, pos, stop);
      lines.add(new int[] {pos, e});
      pos = e + 2;
    }
    var head = new FrontHead(stop, start, lines, names);
    for (int[] l : lines) {
      head.header(buf, l[0], l[1]);
    }
    if (head.chunked && head.contentLength >= 0) {
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
        throw new Malformed("space in a header name");
      }
    }
    if (colon <= from) {
      throw new Malformed("header line without a name");
    }
    String name = new String(buf, from, colon - from, StandardCharsets.ISO_8859_1).toLowerCase();
    names.add(name);
    String value = new String(buf, colon + 1, to - colon - 1, StandardCharsets.ISO_8859_1).strip();
    switch (name) {
      case "content-length" -> {
        long n;
        try {
          n = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new Malformed("Content-Length is not a number");
        }
        if (n < 0 || contentLength >= 0 && contentLength != n) {
          throw new Malformed("bad or conflicting Content-Length");
        }
        contentLength = n;
      }
      case "transfer-encoding" -> {
        if (!value.equalsIgnoreCase("chunked")) {
          throw new Malformed("Transfer-Encoding other than chunked");
        }
        chunked = true;
      }
      case "connection" -> close |= value.toLowerCase().contains("close");
      // Java's HttpClient offers h2c on every plain request; like nginx we answer in HTTP/1.1,
      // which declines it. Any other upgrade (WebSocket) is a protocol switch to pass on.
      case "upgrade" -> upgrade |= !value.equalsIgnoreCase("h2c");
      case "expect" -> expect = true;
      case "host" -> host = value;
      case "x-request-timeout" -> timeoutHeader = true;
      default -> {}
    }
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
