package dev.mixserve.gateway.http;

import java.util.List;
import java.util.Map;

/**
 * The bench's door to {@link Multipart}'s parse, which only its own package calls (the class and
 * its parts are public, the parse is not). If Multipart moves, move this file with it.
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
}
