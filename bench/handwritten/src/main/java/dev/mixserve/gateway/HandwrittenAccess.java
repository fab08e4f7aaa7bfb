package dev.mixserve.gateway;

import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/**
 * The bench's door to the gateway's package-private pieces it measures (Multipart, SseWriter). If
 * those classes move to another package, move this file with them.
 */
public final class HandwrittenAccess {
  private HandwrittenAccess() {}

  /** Parses as the gateway does: the boundary from the Content-Type, then the body in memory. */
  public static long multipart(byte[] body, String contentType) {
    String boundary = Multipart.boundary(contentType);
    Map<String, List<Multipart.Part>> parts = Multipart.parse(body, boundary);
    long sum = 0;
    for (var e : parts.entrySet()) {
      for (var p : e.getValue()) {
        sum += p.data().length + p.name().length() + (p.filename() == null ? 0 : 1);
      }
    }
    return sum;
  }

  /** The gateway's SSE writer on a Helidon response. */
  public static final class Sse implements AutoCloseable {
    private final SseWriter writer;

    public Sse(ServerResponse response) {
      this.writer = new SseWriter(response);
    }

    public void data(byte[] json) {
      writer.data(json);
    }

    public void done() {
      writer.done();
    }

    @Override
    public void close() {
      writer.close();
    }
  }
}
