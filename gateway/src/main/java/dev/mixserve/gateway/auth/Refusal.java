package dev.mixserve.gateway.auth;

import dev.mixserve.api.error.ServeException;
import java.util.List;

/**
 * A request the check turns away: 401 (no key, or none the server holds: the same answer for a key
 * that never existed and one revoked, so nobody learns which), 403 (a key outside its scope or the
 * admin plane) or 429 (over the key's limits), with the headers that go with it.
 */
public record Refusal(int status, String message, List<Header> headers) implements Verdict {
  /** One answer header. */
  public record Header(String name, String value) {}

  static final Header CHALLENGE = new Header("WWW-Authenticate", "Bearer");

  public Refusal {
    headers = List.copyOf(headers);
  }

  static Refusal unauthorized(boolean presented) {
    return new Refusal(
        401,
        presented
            ? "Incorrect API key provided."
            : "An API key is required: send it as Authorization: Bearer KEY (or as api-key or"
                + " x-api-key).",
        List.of(CHALLENGE));
  }

  static Refusal forbidden(String message) {
    return new Refusal(403, message, List.of());
  }

  /** The body in the protocol of {@code path} (as the deployment sees it). */
  public byte[] body(String path) {
    return Protocol.of(path).body(status, message);
  }

  /** As the handler throws it; its headers go on the answer first ({@link #headers}). */
  public ServeException exception() {
    return switch (status) {
      case 401 -> ServeException.unauthorized(message);
      case 403 -> ServeException.forbidden(message);
      default -> ServeException.overloaded(message, 429, retryAfter());
    };
  }

  private int retryAfter() {
    for (Header h : headers) {
      if (h.name().equals("Retry-After")) {
        return Integer.parseInt(h.value());
      }
    }
    return 1;
  }
}
