package dev.mixserve.bench.audio;

import dev.mixserve.bench.common.KeepAliveConnection;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What moving an answer of a given size over loopback costs with no server code at all: a bare
 * blocking socket on a platform thread that answers each request with that many bytes in one write,
 * read by the same client as the HTTP rows. An HTTP overhead below this is out of reach for any
 * server on the machine; for a fast engine (FreeTTS speaks 5 s in ~3 ms) it is most of it.
 */
final class LoopbackFloor implements AutoCloseable {
  private final ServerSocket server;
  private final KeepAliveConnection client;
  private volatile byte[] answer = new byte[0];

  LoopbackFloor() throws IOException {
    server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("loopback-floor").start(this::serve);
    client = new KeepAliveConnection(server.getLocalPort());
  }

  /** The best of {@code repeats} exchanges of {@code request} for {@code bytes} of answer. */
  double best(int bytes, byte[] request, int repeats) throws IOException {
    byte[] head =
        ("HTTP/1.1 200 OK\r\nContent-Type: audio/wav\r\nContent-Length: " + bytes + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + bytes];
    System.arraycopy(head, 0, all, 0, head.length);
    answer = all;
    return best(client, bytes, request, repeats, "floor");
  }

  /**
   * The best of {@code repeats} exchanges of {@code request} over {@code client}, after the warm-up
   * rounds, each checked to bring back {@code bytes} of answer ({@code who} names the server).
   */
  static double best(KeepAliveConnection client, int bytes, byte[] request, int repeats, String who)
      throws IOException {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < repeats + AudioBench.WARM_UP; i++) {
      long t0 = System.nanoTime();
      var r = client.post("/floor", "application/json", request);
      long t1 = System.nanoTime();
      if (r.body().length != bytes) {
        throw new IllegalStateException(who + " answered " + r.body().length + " bytes");
      }
      if (i >= AudioBench.WARM_UP) {
        best = Math.min(best, (t1 - t0) / 1e9);
      }
    }
    return best;
  }

  private void serve() {
    try (Socket s = server.accept()) {
      s.setTcpNoDelay(true);
      var in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
      var out = s.getOutputStream();
      int length;
      while ((length = requestBodyLength(in)) >= 0) {
        in.readNBytes(length);
        out.write(answer);
        out.flush();
      }
    } catch (IOException e) {
      // the bench is over
    }
  }

  /** Reads a request head; its Content-Length, or -1 at the end of the connection. */
  private static int requestBodyLength(InputStream in) throws IOException {
    var line = new StringBuilder();
    int length = 0;
    for (int c; (c = in.read()) >= 0; ) {
      if (c != '\n') {
        line.append((char) c);
        continue;
      }
      String h = line.toString().strip().toLowerCase(Locale.ROOT);
      if (h.isEmpty()) {
        return length;
      }
      if (h.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      }
      line.setLength(0);
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    client.close();
    server.close();
  }
}
