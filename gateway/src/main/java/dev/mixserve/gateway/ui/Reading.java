package dev.mixserve.gateway.ui;

/**
 * One deployment's counters at one moment, as the metrics registry holds them (all cumulative since
 * start): the difference of two readings is what happened between them.
 *
 * @param latencyBounds upper bounds of the latency buckets, seconds (+Inf last)
 * @param latencyCounts observations per bucket (not cumulative), same length as the bounds
 */
record Reading(
    double requests,
    double errors,
    double[] latencyBounds,
    long[] latencyCounts,
    double batchSum,
    double batchCount,
    double tokens,
    double rtfSum,
    double rtfCount) {
  static final Reading ZERO = new Reading(0, 0, new double[0], new long[0], 0, 0, 0, 0, 0);

  Reading withRequests(double all, double failed) {
    return new Reading(
        requests + all,
        errors + failed,
        latencyBounds,
        latencyCounts,
        batchSum,
        batchCount,
        tokens,
        rtfSum,
        rtfCount);
  }

  Reading withLatency(double[] bounds, long[] counts) {
    return new Reading(
        requests, errors, bounds, counts, batchSum, batchCount, tokens, rtfSum, rtfCount);
  }

  Reading withBatches(double sum, double count) {
    return new Reading(
        requests, errors, latencyBounds, latencyCounts, sum, count, tokens, rtfSum, rtfCount);
  }

  Reading withTokens(double n) {
    return new Reading(
        requests,
        errors,
        latencyBounds,
        latencyCounts,
        batchSum,
        batchCount,
        tokens + n,
        rtfSum,
        rtfCount);
  }

  Reading withRtf(double sum, double count) {
    return new Reading(
        requests,
        errors,
        latencyBounds,
        latencyCounts,
        batchSum,
        batchCount,
        tokens,
        rtfSum + sum,
        rtfCount + count);
  }
}
