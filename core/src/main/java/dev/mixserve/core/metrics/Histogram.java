package dev.mixserve.core.metrics;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

/** Cumulative buckets, sum and count: one data point of a classic Prometheus client histogram. */
public final class Histogram {
  private final DistributionDataPoint point;

  Histogram(DistributionDataPoint point) {
    this.point = point;
  }

  public void observe(double v) {
    point.observe(v);
  }

  public void observeNanos(long nanos) {
    point.observe(nanos / 1e9);
  }

  public long count() {
    return point.getCount();
  }

  public double sum() {
    return point.getSum();
  }
}
