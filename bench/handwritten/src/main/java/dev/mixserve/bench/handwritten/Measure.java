package dev.mixserve.bench.handwritten;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Two candidates timed side by side: warm-up, then rounds in which each runs for a fixed time, the
 * order alternating from round to round (a machine that slows during a round does not always fall
 * on the same one). Reports per-round medians of time and bytes allocated per operation.
 */
final class Measure {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Count what every thread allocates (a server answering on its own threads), not this one. */
  static volatile boolean allThreads;

  /** Keeps results alive so the JIT cannot drop the work. */
  static volatile long sink;

  final int rounds;
  final double seconds;
  final double warmSeconds;

  Measure(int rounds, double seconds, double warmSeconds) {
    this.rounds = rounds;
    this.seconds = seconds;
    this.warmSeconds = warmSeconds;
  }

  /** One candidate's per-round numbers. */
  record Series(String name, double[] nanosPerOp, double[] bytesPerOp) {
    double medianNanos() {
      return median(nanosPerOp);
    }

    double medianBytes() {
      return median(bytesPerOp);
    }

    String range() {
      double[] s = nanosPerOp.clone();
      Arrays.sort(s);
      return time(s[0]) + "–" + time(s[s.length - 1]);
    }
  }

  /** Both candidates; {@code ratio} is the median of the per-round ratios b / a. */
  record Pair(Series a, Series b, double ratio) {
    String row(String what, long bytesPerOp) {
      String mbps =
          bytesPerOp > 0
              ? String.format(
                  Locale.ROOT,
                  " (%.0f vs %.0f MB/s)",
                  bytesPerOp / a.medianNanos() * 1e3,
                  bytesPerOp / b.medianNanos() * 1e3)
              : "";
      return String.format(
          Locale.ROOT,
          "%-34s %-10s %10s/op [%s] alloc %s/op | %-10s %10s/op [%s] alloc %s/op | %s/%s = %.2fx%s",
          what,
          a.name,
          time(a.medianNanos()),
          a.range(),
          bytes(a.medianBytes()),
          b.name,
          time(b.medianNanos()),
          b.range(),
          bytes(b.medianBytes()),
          b.name,
          a.name,
          ratio,
          mbps);
    }
  }

  Pair compare(String nameA, Supplier<?> a, String nameB, Supplier<?> b) {
    run(a, warmSeconds);
    run(b, warmSeconds);
    double[][] nanos = new double[2][rounds];
    double[][] alloc = new double[2][rounds];
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        int which = (r % 2 == 0) ? k : 1 - k;
        double[] one = run(which == 0 ? a : b, seconds);
        nanos[which][r] = one[0];
        alloc[which][r] = one[1];
      }
      ratios[r] = nanos[1][r] / nanos[0][r];
    }
    return new Pair(
        new Series(nameA, nanos[0], alloc[0]),
        new Series(nameB, nanos[1], alloc[1]),
        median(ratios));
  }

  /** {ns per op, bytes allocated per op} over at least {@code seconds} (and at least 3 ops). */
  static double[] run(Supplier<?> op, double seconds) {
    long budget = (long) (seconds * 1e9);
    long allocBefore = allocated();
    long start = System.nanoTime();
    long n = 0;
    long now;
    do {
      Object o = op.get();
      sink += o == null ? 0 : o.hashCode();
      n++;
      now = System.nanoTime();
    } while (now - start < budget || n < 3);
    long alloc = allocated() - allocBefore;
    return new double[] {(now - start) / (double) n, alloc / (double) n};
  }

  private static long allocated() {
    return allThreads
        ? THREADS.getTotalThreadAllocatedBytes()
        : THREADS.getCurrentThreadAllocatedBytes();
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  static String time(double nanos) {
    if (nanos >= 1e9) {
      return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
    if (nanos >= 1e6) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    if (nanos >= 1e3) {
      return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f ns", nanos);
  }

  static String bytes(double b) {
    if (b >= 1 << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", b / (1 << 20));
    }
    if (b >= 1 << 10) {
      return String.format(Locale.ROOT, "%.1f KiB", b / (1 << 10));
    }
    return String.format(Locale.ROOT, "%.0f B", b);
  }

  static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
