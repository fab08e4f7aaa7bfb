package dev.mixserve.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MixserveClient} talks to the server.
 *
 * @param baseUrl the server, e.g. {@code http://localhost:8000} (a path prefix is kept)
 * @param connectTimeout how long to wait for a connection before the server counts as down
 * @param requestTimeout how long to wait for a response's headers (a stream may then run longer)
 * @param retry how 429 and 503 answers are retried
 */
public record ClientOptions(
    URI baseUrl, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry) {
  public ClientOptions {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(retry, "retry");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("base URL must be http(s)://host[:port], got " + baseUrl);
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    String s = baseUrl.toString();
    baseUrl = s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : baseUrl;
  }

  /** Defaults: 5 s to connect, 120 s for an answer to start, {@link RetryPolicy#DEFAULT}. */
  public static ClientOptions of(String baseUrl) {
    return new ClientOptions(
        URI.create(baseUrl), Duration.ofSeconds(5), Duration.ofSeconds(120), RetryPolicy.DEFAULT);
  }

  public ClientOptions withRequestTimeout(Duration timeout) {
    return new ClientOptions(baseUrl, connectTimeout, timeout, retry);
  }

  public ClientOptions withRetry(RetryPolicy policy) {
    return new ClientOptions(baseUrl, connectTimeout, requestTimeout, policy);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
