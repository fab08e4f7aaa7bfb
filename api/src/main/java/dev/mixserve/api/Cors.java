package dev.mixserve.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which browser origins may call the endpoint (CORS), off by default: a page on another origin gets
 * no access unless its origin is listed ({@code *} for any).
 *
 * @param allowOrigins origins as browsers send them (https://app.example:8443), or "*"
 * @param allowMethods methods a preflight may ask for
 * @param allowHeaders request headers a preflight may ask for
 * @param exposeHeaders answer headers a page may read
 * @param maxAge how long a browser may keep a preflight's answer
 */
public record Cors(
    List<String> allowOrigins,
    List<String> allowMethods,
    List<String> allowHeaders,
    List<String> exposeHeaders,
    Duration maxAge) {
  public static final Cors OFF =
      new Cors(
          List.of(),
          List.of("GET", "POST", "OPTIONS"),
          List.of("Authorization", "Content-Type", "api-key", "x-api-key", "X-Request-Timeout"),
          List.of("X-Mixserve-Node", "Retry-After", "X-Transcript", "X-Answer", "Server-Timing"),
          Duration.ofMinutes(10));

  public Cors {
    allowOrigins = List.copyOf(allowOrigins);
    allowMethods = List.copyOf(allowMethods);
    allowHeaders = List.copyOf(allowHeaders);
    exposeHeaders = List.copyOf(exposeHeaders);
    Objects.requireNonNull(maxAge, "max_age");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("max_age must not be negative");
    }
  }

  public boolean enabled() {
    return !allowOrigins.isEmpty();
  }

  /** Whether a page of {@code origin} may call. */
  public boolean allows(String origin) {
    return origin != null && (allowOrigins.contains("*") || allowOrigins.contains(origin));
  }
}
