package dev.mixserve.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to retry a 429 or 503 answer: mixserve sends them when a deployment's queue is full, with
 * Retry-After saying when a slot is likely free. The policy is pure; the transport keeps the count.
 *
 * @param maxAttempts attempts in all, the first included (1 = never retry)
 * @param firstBackoff the wait before the second attempt when the server gives no Retry-After;
 *     doubled on each further attempt
 * @param maxWait the longest single wait; a Retry-After above it ends the retries, since waiting
 *     less than the server asked would only be refused again
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxWait) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10));
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (firstBackoff == null
        || firstBackoff.isNegative()
        || maxWait == null
        || maxWait.isNegative()) {
      throw new IllegalArgumentException("backoff and maxWait must be zero or positive");
    }
  }

  static boolean retryable(int status) {
    return status == 429 || status == 503;
  }

  /**
   * The wait before attempt {@code attempt + 1}, or empty to give up.
   *
   * @param attempt the attempt that just failed, from 1
   * @param retryAfter the Retry-After header, if any (seconds or an HTTP date)
   */
  public Optional<Duration> delay(int attempt, Optional<String> retryAfter, Instant now) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    Duration wait =
        retryAfter
            .flatMap(v -> parse(v, now))
            .orElseGet(() -> firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20)));
    return wait.compareTo(maxWait) > 0 ? Optional.empty() : Optional.of(wait);
  }

  static Optional<Duration> parse(String value, Instant now) {
    String v = value.trim();
    try {
      long s = Long.parseLong(v);
      return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
    } catch (NumberFormatException notSeconds) {
      try {
        var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
