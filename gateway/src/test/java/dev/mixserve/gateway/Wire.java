package dev.mixserve.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A client that writes bytes by hand and reads whatever comes back, answers and the connection's
 * end, for the requests no real client would send.
 */
public final class Wire {
  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})");

  /** What came back: the statuses of the answers in order, the bytes, and how it ended. */
  record Heard(List<Integer> statuses, String text, boolean closed, long millis) {
    int status() {
      return statuses.isEmpty() ? -1 : statuses.getFirst();
    }
  }

  private static final Pattern LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n");

  private Wire() {}

  /** Whether {@code text} holds a final answer whose body has all come. */
  private static boolean whole(String text) {
    int from = 0;
    while (true) {
      int end = text.indexOf("\r\n\r\n", from);
      if (end < 0) {
        return false;
      }
      String head = text.substring(from, end + 2);
      if (head.startsWith("HTTP/1.1 1")) {
        from = end + 4; // interim
        continue;
      }
      var m = LENGTH.matcher(head);
      if (m.find()) {
        return text.length() - end - 4 >= Integer.parseInt(m.group(1));
      }
      return text.endsWith("0\r\n\r\n");
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code request} and reads until the server closes or {@code waitMillis} pass. */
  static Heard exchange(int port, String request, int waitMillis) throws IOException {
    return exchange(port, bytes(request), waitMillis);
  }

  static Heard exchange(int port, byte[] request, int waitMillis) throws IOException {
    try (var s = new Socket("127.0.0.1", port)) {
      long t0 = System.nanoTime();
      try {
        s.getOutputStream().write(request);
      } catch (IOException e) {
        // the server may answer and close before taking all of it; what it said still counts
      }
      return read(s, waitMillis, t0);
    }
  }

  /** Writes {@code request} and reads one whole answer, or until the server closes. */
  static Heard first(int port, String request, int waitMillis) throws IOException {
    try (var s = new Socket("127.0.0.1", port)) {
      long t0 = System.nanoTime();
      try {
        s.getOutputStream().write(bytes(request));
      } catch (IOException e) {
        // answered and closed before taking all of it
      }
      return read(s, waitMillis, t0, true);
    }
  }

  /** Reads from an open socket until the server closes it or {@code waitMillis} pass. */
  static Heard read(Socket s, int waitMillis, long t0) throws IOException {
    return read(s, waitMillis, t0, false);
  }

  private static Heard read(Socket s, int waitMillis, long t0, boolean one) throws IOException {
    var all = new ByteArrayOutputStream();
    boolean closed = false;
    long end = System.nanoTime() + waitMillis * 1_000_000L;
    InputStream in = s.getInputStream();
    byte[] buf = new byte[8192];
    try {
      while (true) {
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        s.setSoTimeout((int) Math.max(1, left));
        int n = in.read(buf);
        if (n < 0) {
          closed = true;
          break;
        }
        all.write(buf, 0, n);
        if (one && whole(all.toString(StandardCharsets.ISO_8859_1))) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      // still open
    } catch (IOException e) {
      closed = true; // reset
    }
    String text = all.toString(StandardCharsets.ISO_8859_1);
    var statuses = new ArrayList<Integer>();
    var m = STATUS.matcher(text);
    while (m.find()) {
      if (m.start() == 0 || text.startsWith("\n", m.start() - 1)) {
        int code = Integer.parseInt(m.group(1));
        if (code >= 200) {
          statuses.add(code);
        }
      }
    }
    return new Heard(statuses, text, closed, (System.nanoTime() - t0) / 1_000_000);
  }
}
