package dev.mixserve.bench.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One case's samples, direct to the worker and through the head, round by round: rows as they come,
 * then the medians of per-round comparisons (outside load falls on both sides of a round alike, so
 * per-round ratios move less than ratios of medians).
 */
final class Report {
  private final String name;
  private final String unit;
  private final String latency;
  private final Sample[] direct;
  private final Sample[] head;

  Report(String name, String unit, String latency, int rounds) {
    this.name = name;
    this.unit = unit;
    this.latency = latency;
    this.direct = new Sample[rounds];
    this.head = new Sample[rounds];
  }

  void add(int round, boolean viaHead, Sample s) {
    (viaHead ? head : direct)[round] = s;
    System.out.printf(
        Locale.ROOT,
        "  round %d  %-28s %-7s %9.1f %-5s  %s p50 %7.2f ms  p99 %7.2f ms  (n=%d)%n",
        round + 1,
        name,
        viaHead ? "head" : "direct",
        s.rate(),
        unit,
        latency,
        s.p50(),
        s.p99(),
        s.count());
  }

  /** Medians per target, then head/direct throughput and head - direct p99 with the goals. */
  void summary() {
    System.out.printf(Locale.ROOT, "%s (medians of %d rounds):%n", name, direct.length);
    for (boolean viaHead : new boolean[] {false, true}) {
      Sample[] s = viaHead ? head : direct;
      System.out.printf(
          Locale.ROOT,
          "  %-7s %9.1f %-5s  %s p50 %7.2f ms  p99 %7.2f ms%n",
          viaHead ? "head" : "direct",
          median(s, Sample::rate),
          unit,
          latency,
          median(s, Sample::p50),
          median(s, Sample::p99));
    }
    double[] ratio = new double[direct.length];
    double[] added = new double[direct.length];
    double[] added50 = new double[direct.length];
    for (int r = 0; r < direct.length; r++) {
      ratio[r] = head[r].rate() / direct[r].rate();
      added[r] = head[r].p99() - direct[r].p99();
      added50[r] = head[r].p50() - direct[r].p50();
    }
    double q = median(ratio);
    double a = median(added);
    System.out.printf(
        Locale.ROOT,
        "  throughput head/direct %.3f (%.3f..%.3f)  goal >= 0.95: %s%n",
        q,
        min(ratio),
        max(ratio),
        q >= 0.95 ? "met" : "NOT met");
    System.out.printf(
        Locale.ROOT,
        "  added p99 %s head-direct %+.2f ms (%+.2f..%+.2f)  goal <= 1 ms: %s%n",
        latency,
        a,
        min(added),
        max(added),
        a <= 1.0 ? "met" : "NOT met");
    // The p99 of a few hundred latencies moves with single stalls; the median shows the shift.
    System.out.printf(
        Locale.ROOT,
        "  added p50 %s head-direct %+.2f ms (%+.2f..%+.2f)%n",
        latency,
        median(added50),
        min(added50),
        max(added50));
  }

  private static double median(Sample[] s, ToDoubleFunction<Sample> f) {
    return median(Arrays.stream(s).mapToDouble(f).toArray());
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  private static double min(double[] xs) {
    return Arrays.stream(xs).min().orElse(Double.NaN);
  }

  private static double max(double[] xs) {
    return Arrays.stream(xs).max().orElse(Double.NaN);
  }
}
