package dev.mixserve.core.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;

/** A monotonically increasing count: one data point of a Prometheus client counter. */
public final class Counter {
  private final CounterDataPoint point;

  Counter(CounterDataPoint point) {
    this.point = point;
  }

  public void inc() {
    point.inc(1L); // the client's long adder: cheaper than its double one
  }

  public void add(double amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("counters only go up");
    }
    point.inc(amount);
  }

  public double value() {
    return point.get();
  }
}
