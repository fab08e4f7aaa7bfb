package dev.mixserve.bench.cluster;

import java.util.Arrays;

/**
 * One measurement of one target: its throughput and the latencies it saw.
 *
 * @param rate requests/s (embeddings) or tokens/s (chat)
 * @param p50 median latency in ms (request, or time to the first streamed event)
 * @param p99 99th percentile of the same, in ms
 * @param count how many latencies the percentiles come from
 */
record Sample(double rate, double p50, double p99, int count) {
  /** A sample from a rate and latencies in nanoseconds (sorted here). */
  static Sample of(double rate, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return new Sample(rate, at(s, 0.50), at(s, 0.99), s.length);
  }

  // Nearest rank: the smallest latency at or above which lie no more than 1 - q of them.
  private static double at(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, i)] / 1e6;
  }

  /** Latencies of many clients, gathered without locks: each client fills its own. */
  static final class Latencies {
    private long[] xs = new long[1024];
    private int n;

    void add(long nanos) {
      if (n == xs.length) {
        xs = Arrays.copyOf(xs, n * 2);
      }
      xs[n++] = nanos;
    }

    static long[] all(Iterable<Latencies> each) {
      int total = 0;
      for (Latencies l : each) {
        total += l.n;
      }
      long[] out = new long[total];
      int at = 0;
      for (Latencies l : each) {
        System.arraycopy(l.xs, 0, out, at, l.n);
        at += l.n;
      }
      return out;
    }
  }
}
