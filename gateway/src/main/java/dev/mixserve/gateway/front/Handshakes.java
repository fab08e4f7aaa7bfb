package dev.mixserve.gateway.front;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where TLS handshakes' key operations run: one platform thread per core (the work is all CPU) and
 * a bounded queue, so that a flood of handshakes waits here, or is refused, rather than on the
 * loops that move every open connection's bytes.
 */
final class Handshakes implements AutoCloseable {
  static final int QUEUE = 4096;

  private final ThreadPoolExecutor pool;

  Handshakes(int threads) {
    pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            Thread.ofPlatform().name("mixserve-tls-", 0).daemon(true).factory());
  }

  /** Runs {@code work} on the pool; false when the queue is full. */
  boolean submit(Runnable work) {
    try {
      pool.execute(work);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
