package dev.mixserve.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The status and headers of an upstream's answer, and its body framed as RFC 9112 §6.3 says. */
public final class UpstreamResponse {
  private static final int MAX_HEAD = 65536;

  final int status;
  final List<String[]> headers; // {name, value} in arrival order
  final long contentLength; // -1: not given, or the body is chunked or ends at close
  final UpstreamBody body;
  final boolean keepAlive;

  private UpstreamResponse(
      int status, List<String[]> headers, long length, UpstreamBody body, boolean keepAlive) {
    this.status = status;
    this.headers = headers;
    this.contentLength = length;
    this.body = body;
    this.keepAlive = keepAlive;
  }

  /** Reads the head of the answer to a request; interim (1xx) answers are skipped. */
  static UpstreamResponse read(InputStream in, boolean head) throws IOException {
    int[] budget = {MAX_HEAD};
    String statusLine;
    int status;
    do {
      statusLine = line(in, budget, true);
      status = status(statusLine);
      if (status >= 200 || status == 101) {
        break;
      }
      while (!line(in, budget, false).isEmpty()) {} // headers of an interim answer
    } while (true);
    var headers = new ArrayList<String[]>();
    boolean chunked = false;
    boolean close = !statusLine.startsWith("HTTP/1.1");
    long length = -1;
    for (String l = line(in, budget, false); !l.isEmpty(); l = line(in, budget, false)) {
      int colon = l.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("malformed header line from upstream: " + l);
      }
      String name = l.substring(0, colon).trim();
      String value = l.substring(colon + 1).trim();
      headers.add(new String[] {name, value});
      if (name.equalsIgnoreCase("content-length")) {
        length = length(value);
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        chunked |= value.toLowerCase(Locale.ROOT).contains("chunked");
      } else if (name.equalsIgnoreCase("connection")) {
        close |= value.toLowerCase(Locale.ROOT).contains("close");
      }
    }
    UpstreamBody body;
    if (head || status == 204 || status == 304 || status == 101) {
      body = UpstreamBody.fixed(in, 0);
      length = head ? length : 0;
    } else if (chunked) {
      body = UpstreamBody.chunked(in);
      length = -1;
    } else if (length >= 0) {
      body = UpstreamBody.fixed(in, length);
    } else {
      body = UpstreamBody.untilClose(in);
      close = true;
    }
    return new UpstreamResponse(status, headers, length, body, !close && status != 101);
  }

  private static int status(String line) throws ProtocolException {
    if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
      throw new ProtocolException("not an HTTP/1.x status line from upstream: " + line);
    }
    try {
      return Integer.parseInt(line, 9, 12, 10);
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad status from upstream: " + line);
    }
  }

  private static long length(String value) throws ProtocolException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad Content-Length from upstream: " + value);
    }
  }

  /** One line without its CRLF, in ISO-8859-1; at most {@code budget[0]} bytes in all. */
  static String line(InputStream in, int[] budget, boolean first) throws IOException {
    var sb = new StringBuilder(64);
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw first && sb.isEmpty() && budget[0] == MAX_HEAD
            ? new java.io.EOFException("upstream closed the connection before answering")
            : new ProtocolException("upstream answer ended inside its head");
      }
      if (--budget[0] < 0) {
        throw new ProtocolException("upstream answer head is larger than " + MAX_HEAD + " bytes");
      }
      if (b != '\r') {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }
}
