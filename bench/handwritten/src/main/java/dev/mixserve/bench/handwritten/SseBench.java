package dev.mixserve.bench.handwritten;

import dev.mixserve.gateway.http.SseWriter;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * SSE: the gateway's SseWriter against Helidon's SseSink (helidon-webserver-sse), each answering on
 * a Helidon server set up as the gateway's (TCP_NODELAY) and read by a local client over a
 * kept-alive socket. Per-event cost: one request of N chat-chunk-sized events. Flush: events
 * written 20 ms apart, each stamped with the time it was written, the client noting when it came.
 */
final class SseBench {
  static final byte[] CHUNK =
      ("{\"id\":\"chatcmpl-7d1c\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
              + "\"model\":\"qwen2.5-0.5b-instruct\",\"choices\":[{\"index\":0,\"delta\":"
              + "{\"content\":\" word\"},\"finish_reason\":null}]}")
          .getBytes(StandardCharsets.UTF_8);
  static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
  static final int EVENTS = 2000;
  static final int SPACED = 40;

  private SseBench() {}

  static void run(Measure m) throws Exception {
    WebServer server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .shutdownHook(false)
            .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
            .routing(
                HttpRouting.builder()
                    .get("/ours", SseBench::ours)
                    .get("/helidon", SseBench::helidon)
                    .get("/ours-spaced", SseBench::oursSpaced)
                    .get("/helidon-spaced", SseBench::helidonSpaced)
                    .get("/ours-fail", SseBench::oursFail)
                    .get("/helidon-fail", SseBench::helidonFail))
            .build()
            .start();
    try (var a = new Client(server.port());
        var b = new Client(server.port())) {
      long wireA = a.get("/ours?n=" + EVENTS, null);
      long wireB = b.get("/helidon?n=" + EVENTS, null);
      System.out.printf(
          "one response of %d events of %d bytes of JSON: %d bytes on the wire with ours (%.1f"
              + " an event), %d with Helidon's (%.1f)%n",
          EVENTS, CHUNK.length, wireA, wireA / (double) EVENTS, wireB, wireB / (double) EVENTS);
      Measure.allThreads = true;
      var pair =
          m.compare(
              "ours",
              () -> a.get("/ours?n=" + EVENTS, null),
              "helidon",
              () -> b.get("/helidon?n=" + EVENTS, null));
      Measure.allThreads = false;
      System.out.println(pair.row("response of " + EVENTS + " events", 0));
      System.out.printf(
          Locale.ROOT,
          "  per event: ours %s, helidon %s; allocated (all threads) per event: ours %s,"
              + " helidon %s%n",
          Measure.time(pair.a().medianNanos() / EVENTS),
          Measure.time(pair.b().medianNanos() / EVENTS),
          Measure.bytes(pair.a().medianBytes() / EVENTS),
          Measure.bytes(pair.b().medianBytes() / EVENTS));
      for (int r = 0; r < 2; r++) {
        for (String which : r == 0 ? List.of("ours", "helidon") : List.of("helidon", "ours")) {
          var lat = new ArrayList<Long>();
          (which.equals("ours") ? a : b).get("/" + which + "-spaced", lat);
          long[] l = lat.stream().mapToLong(Long::longValue).sorted().toArray();
          System.out.printf(
              "  flush, %d events 20 ms apart, written → read by the client: %-7s median %s,"
                  + " max %s%n",
              l.length, which, Measure.time(l[l.length / 2]), Measure.time(l[l.length - 1]));
        }
      }
      System.out.println(
          "  a request sent with Accept: application/json (what OpenAI's Python SDK sends on every"
              + " request, stream=true included):");
      for (String which : List.of("ours", "helidon")) {
        System.out.printf(
            "    %-7s %s%n", which, once(server.port(), "/" + which + "?n=3", "application/json"));
      }
      System.out.println(
          "  the engine refuses (queue full) after the writer was made, before the first event:");
      for (String which : List.of("ours", "helidon")) {
        System.out.printf(
            "    %-7s %s%n",
            which, once(server.port(), "/" + which + "-fail", "text/event-stream"));
      }
    } finally {
      server.stop();
    }
  }

  private static final byte[] BUSY =
      "{\"error\":{\"message\":\"queue full\",\"type\":\"service_unavailable\"}}"
          .getBytes(StandardCharsets.UTF_8);

  /** As ChatStream: nothing sent yet, so the refusal is a plain 503 with a JSON body. */
  private static void oursFail(ServerRequest req, ServerResponse res) {
    var sse = new SseWriter(res);
    try (sse) {
      throw new IllegalStateException("queue full");
    } catch (IllegalStateException e) {
      res.status(Status.SERVICE_UNAVAILABLE_503)
          .header(HeaderNames.RETRY_AFTER, "1")
          .header(HeaderNames.CONTENT_TYPE, "application/json")
          .send(BUSY);
    }
  }

  /** The same with Helidon's sink: its headers went out when it was made. */
  private static void helidonFail(ServerRequest req, ServerResponse res) {
    SseSink sink = res.sink(SseSink.TYPE);
    try {
      throw new IllegalStateException("queue full");
    } catch (IllegalStateException e) {
      try {
        res.status(Status.SERVICE_UNAVAILABLE_503).send(BUSY);
      } catch (RuntimeException late) {
        sink.emit(SseEvent.create(BUSY)); // the best left: the error as an event of a 200
      }
    } finally {
      sink.close();
    }
  }

  /** One request on its own connection: the status line and the body as it came, shortened. */
  private static String once(int port, String path, String accept) {
    try (var s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(3000);
      s.getOutputStream()
          .write(
              ("GET "
                      + path
                      + " HTTP/1.1\r\nHost: bench\r\nAccept: "
                      + accept
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      var all = new java.io.ByteArrayOutputStream();
      try {
        s.getInputStream().transferTo(all);
      } catch (java.net.SocketTimeoutException e) {
        // what came is what there is
      }
      String text = all.toString(StandardCharsets.UTF_8);
      int eol = text.indexOf("\r\n");
      int body = text.indexOf("\r\n\r\n");
      String status = eol < 0 ? text : text.substring(0, eol);
      String type =
          text.lines()
              .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
              .findFirst()
              .orElse("no content-type");
      String rest = body < 0 ? "" : text.substring(body + 4).replace("\r\n", "\\r\\n");
      rest = rest.replace("\n", "\\n");
      return status
          + ", "
          + type
          + ", body: "
          + (rest.length() > 90 ? rest.substring(0, 90) + "…" : rest);
    } catch (IOException e) {
      return "failed: " + e;
    }
  }

  private static int n(ServerRequest req) {
    return Integer.parseInt(req.query().get("n"));
  }

  private static void ours(ServerRequest req, ServerResponse res) {
    int n = n(req);
    try (var sse = new SseWriter(res)) {
      for (int i = 0; i < n; i++) {
        sse.data(CHUNK);
      }
      sse.done();
    }
  }

  private static void helidon(ServerRequest req, ServerResponse res) {
    int n = n(req);
    try (SseSink sink = res.sink(SseSink.TYPE)) {
      for (int i = 0; i < n; i++) {
        sink.emit(SseEvent.create(CHUNK));
      }
      sink.emit(SseEvent.create(DONE));
    }
  }

  private static byte[] stamp() {
    return ("{\"t\":" + System.nanoTime() + "}").getBytes(StandardCharsets.US_ASCII);
  }

  private static void oursSpaced(ServerRequest req, ServerResponse res) {
    try (var sse = new SseWriter(res)) {
      for (int i = 0; i < SPACED; i++) {
        sse.data(stamp());
        pause();
      }
      sse.done();
    }
  }

  private static void helidonSpaced(ServerRequest req, ServerResponse res) {
    try (SseSink sink = res.sink(SseSink.TYPE)) {
      for (int i = 0; i < SPACED; i++) {
        sink.emit(SseEvent.create(stamp()));
        pause();
      }
      sink.emit(SseEvent.create(DONE));
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A kept-alive HTTP/1.1 client that reads a chunked answer to its end. */
  static final class Client implements AutoCloseable {
    private static final byte[] END = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STAMP = "{\"t\":".getBytes(StandardCharsets.US_ASCII);
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];

    Client(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    /** Bytes of the whole answer; with {@code stamps}, the delay of each stamped event. */
    long get(String path, List<Long> stamps) {
      try {
        out.write(
            ("GET " + path + " HTTP/1.1\r\nHost: bench\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long total = 0;
        byte[] tail = new byte[0];
        while (true) {
          int n = in.read(buf);
          if (n < 0) {
            throw new IOException("closed after " + total + " bytes");
          }
          long now = System.nanoTime();
          total += n;
          byte[] seen = concat(tail, buf, n);
          if (stamps != null) {
            scan(seen, now, stamps);
          }
          if (endsWith(seen, END)) {
            return total;
          }
          tail = Arrays.copyOfRange(seen, Math.max(0, seen.length - 40), seen.length);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void scan(byte[] b, long now, List<Long> stamps) {
      for (int i = 0; i + STAMP.length < b.length; i++) {
        if (matches(b, i, STAMP)) {
          int j = i + STAMP.length;
          long v = 0;
          while (j < b.length && b[j] >= '0' && b[j] <= '9') {
            v = v * 10 + (b[j++] - '0');
          }
          if (j < b.length && b[j] == '}') {
            stamps.add(now - v);
            b[i] = 'x'; // counted; the tail keeps it
          }
        }
      }
    }

    private static boolean matches(byte[] b, int at, byte[] p) {
      for (int k = 0; k < p.length; k++) {
        if (b[at + k] != p[k]) {
          return false;
        }
      }
      return true;
    }

    private static byte[] concat(byte[] tail, byte[] b, int n) {
      byte[] all = new byte[tail.length + n];
      System.arraycopy(tail, 0, all, 0, tail.length);
      System.arraycopy(b, 0, all, tail.length, n);
      return all;
    }

    private static boolean endsWith(byte[] b, byte[] suffix) {
      return b.length >= suffix.length && matches(b, b.length - suffix.length, suffix);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
