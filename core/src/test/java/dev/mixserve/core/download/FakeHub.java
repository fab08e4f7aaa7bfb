package dev.mixserve.core.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the Hub: {@code /o/r/resolve/main/model.bin} redirects, with the sha256 in
 * X-Linked-ETag like the real one, to {@code /cdn/model.bin}, which honours Range.
 */
final class FakeHub implements AutoCloseable {
  final byte[] content;
  final AtomicInteger requests = new AtomicInteger();
  final AtomicLong bytesServed = new AtomicLong();
  volatile String linkedEtag;
  private final HttpServer server;

  FakeHub(byte[] content, String sha256) throws IOException {
    this.content = content;
    this.linkedEtag = "\"" + sha256 + "\"";
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/o/r/resolve/main/", this::resolve);
    server.createContext("/cdn/", this::cdn);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void resolve(HttpExchange x) throws IOException {
    requests.incrementAndGet();
    if (!x.getRequestURI().getPath().endsWith("/model.bin")) {
      x.sendResponseHeaders(404, -1);
      x.close();
      return;
    }
    x.getResponseHeaders().add("X-Linked-ETag", linkedEtag);
    x.getResponseHeaders().add("Location", "/cdn/model.bin");
    x.sendResponseHeaders(302, -1);
    x.close();
  }

  private void cdn(HttpExchange x) throws IOException {
    String range = x.getRequestHeaders().getFirst("Range");
    int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
    if (from > 0) {
      x.getResponseHeaders()
          .add(
              "Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
    }
    x.sendResponseHeaders(from > 0 ? 206 : 200, content.length - from);
    try (OutputStream out = x.getResponseBody()) {
      out.write(content, from, content.length - from);
    }
    bytesServed.addAndGet(content.length - from);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
