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
 * @param apiKey sent as {@code Authorization: Bearer} on every request, or null for none
 */
public record ClientOptions(
    URI baseUrl,
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry,
    String apiKey) {
  public ClientOptions(
      URI baseUrl, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry) {
    this(baseUrl, connectTimeout, requestTimeout, retry, null);
  }

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
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
  }

  /** Defaults: 5 s to connect, 120 s for an answer to start, {@link RetryPolicy#DEFAULT}. */
  public static ClientOptions of(String baseUrl) {
    return new ClientOptions(
        URI.create(baseUrl), Duration.ofSeconds(5), Duration.ofSeconds(120), RetryPolicy.DEFAULT);
  }

  public ClientOptions withRequestTimeout(Duration timeout) {
    return new ClientOptions(baseUrl, connectTimeout, timeout, retry, apiKey);
  }

  public ClientOptions withRetry(RetryPolicy policy) {
    return new ClientOptions(baseUrl, connectTimeout, requestTimeout, policy, apiKey);
  }

  public ClientOptions withApiKey(String key) {
    return new ClientOptions(baseUrl, connectTimeout, requestTimeout, retry, key);
  }

  /** Never the key: options end up in logs and exception messages. */
  @Override
  public String toString() {
    return "ClientOptions[baseUrl=%s, connectTimeout=%s, requestTimeout=%s, retry=%s, apiKey=%s]"
        .formatted(baseUrl, connectTimeout, requestTimeout, retry, apiKey == null ? "none" : "***");
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
