package dev.mixserve.gateway.front;

import dev.mixserve.api.Cors;
import java.nio.charset.StandardCharsets;

/**
 * CORS at the front door, so that a browser gets the same answer whichever way a request goes:
 * preflights answered here, and the allowed origin named on every answer to a page of it.
 */
public final class FrontCors {
  private final Cors cors;
  private final String preflightLines;

  FrontCors(Cors cors) {
    this.cors = cors;
    this.preflightLines =
        "Access-Control-Allow-Methods: "
            + String.join(", ", cors.allowMethods())
            + "\r\nAccess-Control-Allow-Headers: "
            + String.join(", ", cors.allowHeaders())
            + "\r\nAccess-Control-Max-Age: "
            + cors.maxAge().toSeconds()
            + "\r\n";
  }

  boolean enabled() {
    return cors.enabled();
  }

  /** The lines an answer to this request carries for a browser, or null when none. */
  byte[] line(FrontHead h) {
    if (!cors.allows(h.origin)) {
      return null;
    }
    String expose =
        cors.exposeHeaders().isEmpty()
            ? ""
            : "Access-Control-Expose-Headers: " + String.join(", ", cors.exposeHeaders()) + "\r\n";
    return ("Access-Control-Allow-Origin: " + h.origin + "\r\nVary: Origin\r\n" + expose)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The answer to a preflight: 204 with what {@code originLines} (from {@link #line}) allow, or 403
   * when they are null (the origin may not call).
   */
  byte[] answer(FrontHead h, byte[] originLines, boolean close) {
    if (originLines == null) {
      return FrontReply.of(403, "origin " + h.origin + " may not call this endpoint (server.cors)")
          .bytes(close);
    }
    return preflight(originLines, close);
  }

  /** 204 to an allowed preflight. */
  private byte[] preflight(byte[] originLines, boolean close) {
    String head =
        "HTTP/1.1 204 No Content\r\n"
            + new String(originLines, StandardCharsets.ISO_8859_1)
            + preflightLines
            + (close ? "Connection: close\r\n" : "")
            + "\r\n";
    return head.getBytes(StandardCharsets.ISO_8859_1);
  }
}
