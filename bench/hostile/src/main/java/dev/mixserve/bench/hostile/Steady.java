package dev.mixserve.bench.hostile;

import dev.mixserve.bench.common.KeepAliveConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * A normal client beside the attacks: one small embeddings request to the echo deployment every
 * {@link #INTERVAL_NANOS}, on one kept-alive connection, on a platform thread of its own (a virtual
 * one would wait for carrier threads that the attacks keep busy, and charge that to the server).
 *
 * <p>Each latency is counted from when the request was due, not from when it went out: a server
 * that stalls for a second has then made a hundred requests late, which is what its clients feel,
 * where a client that only times what it sent would record one slow request.
 */
final class Steady implements AutoCloseable {
  static final long INTERVAL_NANOS = 10_000_000L;
  private static final byte[] BODY =
      "{\"input\":\"a steady client\"}".getBytes(StandardCharsets.UTF_8);

  /**
   * Latencies in milliseconds; {@code errors} are non-200 answers and dropped connections; {@code
   * longest} the longest one request took from when it went out, which tells one long stall from
   * many slow answers.
   */
  record Stats(int count, int errors, double p50, double p99, double longest) {}

  private final int port;
  private final Thread thread;
  private volatile long until = Long.MAX_VALUE;
  private volatile KeepAliveConnection connection;
  private long[] latencies = new long[4096];
  private int count;
  private int errors;
  private long longest;

  private Steady(int port) {
    this.port = port;
    this.thread = Thread.ofPlatform().name("steady-client").start(this::loop);
  }

  static Steady start(int port) {
    return new Steady(port);
  }

  /** The steady client alone for {@code length}. */
  static Stats measure(int port, Duration length) {
    try (var s = start(port)) {
      return s.finish(System.nanoTime() + length.toNanos());
    }
  }

  private void loop() {
    long next = System.nanoTime();
    while (next < until) {
      for (long wait; (wait = next - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(wait); // the client's pace, not a wait for the server
      }
      long sent = System.nanoTime();
      call();
      long done = System.nanoTime();
      longest = Math.max(longest, done - sent);
      record(done - next);
      next += INTERVAL_NANOS;
    }
    drop();
  }

  private void call() {
    try {
      if (connection == null) {
        connection = new KeepAliveConnection(port);
      }
      if (connection.post("/echo/v1/embeddings", "application/json", BODY).status() != 200) {
        errors++;
        drop(); // a refusal may close the connection; the next request opens another
      }
    } catch (IOException | RuntimeException e) {
      errors++;
      drop();
    }
  }

  private void drop() {
    var c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // gone already
      }
    }
  }

  private void record(long nanos) {
    if (count == latencies.length) {
      latencies = Arrays.copyOf(latencies, count * 2);
    }
    latencies[count++] = nanos;
  }

  /** Stops at {@code notBefore} (System.nanoTime) or now, whichever is later; the latencies. */
  Stats finish(long notBefore) {
    until = Math.max(notBefore, System.nanoTime());
    try {
      if (!thread.join(Duration.ofNanos(until - System.nanoTime()).plusSeconds(30))) {
        drop(); // a request the server never answers: closing the socket ends the wait
        thread.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    return new Stats(
        count, errors, percentile(sorted, 0.50), percentile(sorted, 0.99), longest / 1e6);
  }

  /** Nearest rank, in milliseconds. */
  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      finish(0);
    }
  }
}
