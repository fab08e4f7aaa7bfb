package dev.mixserve.core.metrics;

import io.prometheus.metrics.core.datapoints.GaugeDataPoint;

/**
 * A value that goes up and down: one data point of a Prometheus client gauge. A function read at
 * scrape time is {@link Metrics#gaugeFunction} instead.
 */
public final class Gauge {
  private final GaugeDataPoint point;

  Gauge(GaugeDataPoint point) {
    this.point = point;
  }

  public void inc() {
    point.inc();
  }

  public void dec() {
    point.dec();
  }

  public void set(long v) {
    point.set(v);
  }

  public double value() {
    return point.get();
  }
}
