package dev.mixserve.core.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One metric name with its children, one child per label-value combination. Each child wraps the
 * client's data point for those values; it is made once and kept, so a held child costs nothing to
 * find and a looked-up one costs a map probe.
 */
public final class Family<C> {
  private final String name;
  private final int labels;
  private final List<String> labelNames;
  private final Function<String[], C> make;
  private final Map<List<String>, C> children = new ConcurrentHashMap<>();

  private Family(String name, String[] labelNames, Function<String[], C> make) {
    this.name = name;
    this.labels = labelNames.length;
    this.labelNames = List.of(labelNames);
    this.make = make;
  }

  static Family<Counter> counter(
      io.prometheus.metrics.core.metrics.Counter metric, String name, String[] labelNames) {
    return new Family<>(name, labelNames, v -> new Counter(metric.labelValues(v)));
  }

  static Family<Gauge> gauge(
      io.prometheus.metrics.core.metrics.Gauge metric, String name, String[] labelNames) {
    return new Family<>(name, labelNames, v -> new Gauge(metric.labelValues(v)));
  }

  static Family<Histogram> histogram(
      io.prometheus.metrics.core.metrics.Histogram metric, String name, String[] labelNames) {
    return new Family<>(name, labelNames, v -> new Histogram(metric.labelValues(v)));
  }

  /** The child for these label values, created on first use. */
  public C child(String... values) {
    if (values.length != labels) {
      throw new IllegalArgumentException(name + " takes labels " + labelNames);
    }
    C c = children.get(Arrays.asList(values));
    return c != null ? c : children.computeIfAbsent(List.of(values), k -> make.apply(values));
  }
}
