package dev.mixserve.gateway.ui;

/**
 * What one deployment did between two readings. NaN where nothing was observed (no request, no
 * batch, no audio), so that a quiet deployment shows "–" rather than a made-up zero latency.
 *
 * @param p50 median request latency, seconds, from the histogram's buckets as PromQL's
 *     histogram_quantile interpolates them
 * @param rtf mean real-time factor of the audio requests (engine time / audio time)
 * @param batchMean mean items per engine call after dynamic batching
 */
record Rates(
    double requestsPerSecond,
    double errorsPerSecond,
    double p50,
    double p99,
    double tokensPerSecond,
    double rtf,
    double batchMean) {

  static Rates between(Reading from, Reading to, double seconds) {
    double s = Math.max(seconds, 1e-3);
    long[] counts = delta(from.latencyCounts(), to.latencyCounts());
    return new Rates(
        Math.max(0, to.requests() - from.requests()) / s,
        Math.max(0, to.errors() - from.errors()) / s,
        quantile(0.5, to.latencyBounds(), counts),
        quantile(0.99, to.latencyBounds(), counts),
        Math.max(0, to.tokens() - from.tokens()) / s,
        mean(to.rtfSum() - from.rtfSum(), to.rtfCount() - from.rtfCount()),
        mean(to.batchSum() - from.batchSum(), to.batchCount() - from.batchCount()));
  }

  private static double mean(double sum, double count) {
    return count > 0 ? sum / count : Double.NaN;
  }

  /** Per-bucket counts observed between the two readings (a reading before the first is empty). */
  static long[] delta(long[] from, long[] to) {
    long[] d = new long[to.length];
    for (int i = 0; i < to.length; i++) {
      d[i] = Math.max(0, to[i] - (i < from.length ? from[i] : 0));
    }
    return d;
  }

  /**
   * The q-quantile of observations counted per bucket: linear within the bucket it falls in, from
   * the bucket below's bound; in the +Inf bucket, the highest finite bound (all that is known).
   */
  static double quantile(double q, double[] bounds, long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    long below = 0;
    for (int i = 0; i < counts.length; i++) {
      if (below + counts[i] >= rank && counts[i] > 0) {
        if (Double.isInfinite(bounds[i])) {
          return i > 0 ? bounds[i - 1] : Double.NaN;
        }
        double lower = i > 0 ? bounds[i - 1] : 0;
        return lower + (bounds[i] - lower) * (rank - below) / counts[i];
      }
      below += counts[i];
    }
    return bounds.length > 1 ? bounds[bounds.length - 2] : Double.NaN;
  }
}
