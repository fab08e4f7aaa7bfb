package dev.mixserve.api;

import java.time.Duration;

/**
 * What the public port allows a client before it is answered or cut off, after nginx's
 * client_header_timeout, client_body_timeout, keepalive_timeout and send_timeout.
 *
 * @param headerTimeout a request head must arrive whole within this of its first byte (408)
 * @param bodyTimeout the longest pause between two reads of a request body (408)
 * @param bodyMinRate bytes per second a body must average once {@code bodyTimeout} has passed
 *     (408): a byte a second is not an upload
 * @param keepAliveTimeout a connection with no request for this long is closed
 * @param sendTimeout the longest a client may leave an answer unread before it is cut off
 * @param maxConnections client connections held at once; more are answered 503 and closed
 * @param bodyMemory bytes of request bodies held in memory across all requests; a body that does
 *     not fit is answered 503 with Retry-After; 0 means a quarter of the JVM's maximum heap
 */
public record Edge(
    Duration headerTimeout,
    Duration bodyTimeout,
    long bodyMinRate,
    Duration keepAliveTimeout,
    Duration sendTimeout,
    int maxConnections,
    long bodyMemory) {
  public static final Edge DEFAULT =
      new Edge(
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          16 << 10,
          Duration.ofSeconds(75),
          Duration.ofSeconds(60),
          10_000,
          0);

  public Edge {
    positive(headerTimeout, "header_timeout");
    positive(bodyTimeout, "body_timeout");
    positive(keepAliveTimeout, "keepalive_timeout");
    positive(sendTimeout, "send_timeout");
    if (bodyMinRate < 0) {
      throw new IllegalArgumentException("body_min_rate must be >= 0");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("max_connections must be >= 1");
    }
    if (bodyMemory < 0) {
      throw new IllegalArgumentException("body_memory must be >= 0");
    }
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }

  /** {@link #bodyMemory} with 0 resolved against this JVM. */
  public long bodyMemoryBytes() {
    return bodyMemory > 0 ? bodyMemory : Runtime.getRuntime().maxMemory() / 4;
  }
}
