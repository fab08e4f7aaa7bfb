package dev.mixserve.bench.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * SSE chat load: {@code streams} clients, each on its own kept-alive connection, sending a new
 * streamed completion the moment its last one ends (steady load, as in bench/llm), reading every
 * stream to its end. Latency is the time to the first event of each stream.
 */
final class Chat {
  private static final Pattern USAGE = Pattern.compile("\"completion_tokens\":(\\d+)");
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

  private Chat() {}

  static Sample run(int port, int streams, int tokens, double seconds) throws Exception {
    byte[] request = request(tokens);
    var each = new ArrayList<Sample.Latencies>();
    for (int c = 0; c < streams; c++) {
      each.add(new Sample.Latencies());
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long total = 0;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<Long>>();
      for (int c = 0; c < streams; c++) {
        var mine = each.get(c);
        futures.add(
            pool.submit(
                () -> {
                  long n = 0;
                  try (var connection = new Stream(port)) {
                    do {
                      n += connection.exchange(request, mine);
                    } while (System.nanoTime() < end);
                  }
                  return n;
                }));
      }
      for (var f : futures) {
        total += f.get();
      }
    }
    return Sample.of(total / ((System.nanoTime() - start) / 1e9), Sample.Latencies.all(each));
  }

  private static byte[] request(int tokens) {
    byte[] body =
        """
        {"prompt": "Once upon a time", "max_tokens": %d, "temperature": 0, "stream": true,
         "stream_options": {"include_usage": true}}"""
            .formatted(tokens)
            .getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST /llm/v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /**
   * A bare socket, as in bench/llm's Served: it reads raw bytes and parses only the usage chunk, so
   * that on 2 cores the client takes as little as it can from the servers it measures.
   */
  private static final class Stream implements AutoCloseable {
    private final Socket socket;
    private final byte[] buf = new byte[1 << 16];

    Stream(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
    }

    /** One streamed completion; its time to first event goes to {@code ttft}; its tokens. */
    int exchange(byte[] request, Sample.Latencies ttft) throws IOException {
      long t0 = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      var all = new ByteArrayOutputStream();
      boolean first = true;
      for (int n; (n = in.read(buf)) > 0; ) {
        all.write(buf, 0, n);
        if (first
            && all.size() >= 12
            && !all.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
          throw new IOException("not 200: " + all.toString(StandardCharsets.UTF_8));
        }
        // Headers may come alone and keep-alive comments are not events: wait for "data: ".
        if (first && indexOf(all.toByteArray(), DATA) >= 0) {
          ttft.add(System.nanoTime() - t0);
          first = false;
        }
        // The answer ends with [DONE] and the last HTTP chunk; nothing follows it.
        if (n >= 5 && new String(buf, n - 5, 5, StandardCharsets.US_ASCII).equals("0\r\n\r\n")) {
          String text = all.toString(StandardCharsets.UTF_8);
          if (text.contains("data: [DONE]")) {
            var m = USAGE.matcher(text.substring(text.lastIndexOf("\"usage\"")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
          }
        }
      }
      throw new IOException("stream ended early: " + all.toString(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
      outer:
      for (int i = 0; i + needle.length <= hay.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
