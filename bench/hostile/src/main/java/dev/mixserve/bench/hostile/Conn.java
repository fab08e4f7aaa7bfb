package dev.mixserve.bench.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One client connection that writes bytes by hand and keeps whatever the server sends back, for
 * requests no real client would send. Times are taken from when the connection opened.
 */
final class Conn implements AutoCloseable {
  private static final Pattern STATUS = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3})");
  private static final Pattern LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n");

  /** What came back: the final answers' statuses in order, and whether the server closed. */
  record Heard(List<Integer> statuses, boolean closed, long firstNanos) {
    String label() {
      if (statuses.isEmpty()) {
        return "no answer";
      }
      return String.join("+", statuses.stream().map(String::valueOf).toList());
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
  private final long opened = System.nanoTime();
  private long first = -1;
  private boolean closed;

  Conn(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  long opened() {
    return opened;
  }

  /** Writes; false once the server no longer takes bytes (it answered and closed, or reset). */
  boolean send(byte[] b, int off, int len) {
    try {
      out.write(b, off, len);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  boolean send(byte[] b) {
    return send(b, 0, b.length);
  }

  /** Whether an answer has begun arriving, without waiting for one. */
  boolean answering() {
    try {
      return first >= 0 || closed || in.available() > 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** Waits up to {@code millis} for an answer to begin or the connection to end; true if so. */
  boolean await(int millis) {
    read(millis, Stop.FIRST_BYTES);
    return first >= 0 || closed;
  }

  /** Reads until the server closes or {@code millis} pass. */
  Heard hear(int millis) {
    read(millis, Stop.CLOSE);
    return heard();
  }

  /** Reads until one whole final answer came, the server closed, or {@code millis} passed. */
  Heard hearOne(int millis) {
    read(millis, Stop.ONE_ANSWER);
    return heard();
  }

  private enum Stop {
    FIRST_BYTES,
    ONE_ANSWER,
    CLOSE
  }

  private void read(int millis, Stop stop) {
    long end = System.nanoTime() + millis * 1_000_000L;
    byte[] buf = new byte[16384];
    try {
      while (!closed) {
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        socket.setSoTimeout((int) Math.max(1, left));
        int n = in.read(buf);
        if (n < 0) {
          closed = true;
          return;
        }
        if (first < 0) {
          first = System.nanoTime();
        }
        heard.write(buf, 0, n);
        if (stop == Stop.FIRST_BYTES || (stop == Stop.ONE_ANSWER && whole())) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      // nothing more within the wait; the connection is still open
    } catch (IOException e) {
      closed = true; // reset
    }
  }

  /** Whether what came holds one final answer whose body has all come. */
  private boolean whole() {
    String text = heard.toString(StandardCharsets.ISO_8859_1);
    int from = 0;
    for (int end; (end = text.indexOf("\r\n\r\n", from)) >= 0; from = end + 4) {
      String head = text.substring(from, end + 2);
      if (head.startsWith("HTTP/1.1 1")) {
        continue; // interim
      }
      var m = LENGTH.matcher(head);
      return m.find()
          ? text.length() - end - 4 >= Integer.parseInt(m.group(1))
          : text.endsWith("0\r\n\r\n");
    }
    return false;
  }

  Heard heard() {
    var statuses = new ArrayList<Integer>();
    var m = STATUS.matcher(heard.toString(StandardCharsets.ISO_8859_1));
    while (m.find()) {
      int code = Integer.parseInt(m.group(1));
      if (code >= 200) {
        statuses.add(code);
      }
    }
    return new Heard(statuses, closed, first);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a socket the server already reset
    }
  }
}
