package dev.mixserve.gateway;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that answers with bytes written by hand, so that each framing of RFC 9112 (length,
 * chunks, close) and each misbehaviour (closing a kept-alive connection, never answering) can be
 * met on purpose. The path picks the answer; /head echoes the request head it got.
 */
public final class RawUpstream implements AutoCloseable {
  private final ServerSocket server;
  final AtomicInteger connections = new AtomicInteger();

  public RawUpstream() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("raw-upstream").start(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      var in = new BufferedInputStream(s.getInputStream());
      var out = s.getOutputStream();
      String head;
      while ((head = head(in)) != null) {
        String target = head.split(" ", 3)[1];
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        in.readNBytes(contentLength(head));
        if (path.equals("/drip")) {
          drip(out);
          return;
        }
        out.write(answer(path, head).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (path.equals("/close") || path.equals("/once")) {
          return; // /once says nothing of it: the connection looks reusable to the proxy
        }
        if (path.equals("/silent")) {
          in.read(); // until the proxy gives up and closes
          return;
        }
      }
    } catch (IOException e) {
      // the proxy closed its side
    }
  }

  final AtomicInteger dripsCut = new AtomicInteger();

  /** A chunk every 20 ms for 10 s, as a slow stream: counts the streams their client cut short. */
  private void drip(java.io.OutputStream out) throws IOException {
    out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes());
    try {
      for (int i = 0; i < 500; i++) {
        out.write("5\r\ndrip\n\r\n".getBytes());
        out.flush();
        Thread.sleep(20);
      }
      out.write("0\r\n\r\n".getBytes());
      out.flush();
    } catch (IOException e) {
      dripsCut.incrementAndGet();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String answer(String path, String head) {
    return switch (path) {
      case "/fixed", "/once" ->
          "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Up: 1\r\nKeep-Alive: timeout=5\r\n\r\nhello";
      case "/chunked" ->
          "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
      case "/close" -> "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end";
      case "/big" -> "HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n" + "x".repeat(200_000);
      case "/interim" ->
          "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
      case "/head" -> "HTTP/1.1 200 OK\r\nContent-Length: " + head.length() + "\r\n\r\n" + head;
      case "/silent" -> "";
      case "/v1/embeddings", "/v1/chat/completions" -> // what health checks ask
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
      default -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
    };
  }

  /** The request head without its blank line, or null at the end of the connection. */
  private static String head(InputStream in) throws IOException {
    var sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      sb.append((char) b);
      if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
        return sb.substring(0, sb.length() - 4);
      }
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
