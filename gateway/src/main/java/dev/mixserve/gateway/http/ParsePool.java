package dev.mixserve.gateway.http;

import dev.mixserve.api.error.ServeException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A few platform threads for the CPU-heavy part of reading a request: multipart forms, audio
 * uploads to decode and resample, big JSON bodies. Requests run on virtual threads, which never
 * yield during such work: a handful of big uploads held every carrier thread, and /-/healthz waited
 * seconds behind them. Here the OS shares the cores between this work and the carriers, and the
 * request's virtual thread waits unmounted. The queue is bounded: past it, requests get 503 with
 * Retry-After instead of piling up in memory.
 */
public final class ParsePool implements AutoCloseable {
  /** Smaller bodies are parsed where they are: handing them over costs more than the parse. */
  static final int INLINE_BYTES = 64 << 10;

  private final ThreadPoolExecutor pool;

  ParsePool(int threads, int queue) {
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            Thread.ofPlatform().name("mixserve-parse-", 0).daemon(true).factory());
    pool.allowCoreThreadTimeOut(true); // idle servers keep no threads for this
  }

  /** Half the cores (at least 2), each with 8 waiting. */
  public static ParsePool forCores(int cores) {
    int threads = Math.max(2, cores / 2);
    return new ParsePool(threads, threads * 8);
  }

  /**
   * The result of {@code work} over a body of {@code bytes}, computed on this pool unless the body
   * is small. What {@code work} throws is thrown here as it was.
   */
  public <T> T run(long bytes, Supplier<T> work) {
    if (bytes < INLINE_BYTES) {
      return work.get();
    }
    Future<T> f;
    try {
      f = pool.submit(work::get);
    } catch (RejectedExecutionException e) {
      throw ServeException.unavailable(
          "too many uploads are being read at once; retry in a moment", 1);
    }
    try {
      return f.get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw ServeException.unavailable("interrupted while the request was read", 1);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
