package dev.mixserve.core.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;

/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format. Hot paths hold the returned child and touch only adders.
 */
public final class Metrics {
  private final Map<String, Family<?>> families = new ConcurrentSkipListMap<>();

  public Family<Counter> counter(String name, String help, String... labels) {
    return register(name, help, "counter", labels, k -> new Counter());
  }

  public Family<Gauge> gauge(String name, String help, String... labels) {
    return register(name, help, "gauge", labels, k -> new Gauge());
  }

  public Family<Histogram> histogram(String name, String help, double[] buckets, String... labels) {
    return register(name, help, "histogram", labels, k -> new Histogram(buckets));
  }

  /** A gauge read at scrape time, e.g. a queue length. */
  public void gaugeFunction(
      String name, String help, Map<String, String> labels, DoubleSupplier f) {
    var fam = gauge(name, help, labels.keySet().toArray(String[]::new));
    fam.child(labels.values().toArray(String[]::new)).bind(f);
  }

  @SuppressWarnings("unchecked")
  private <C extends Child> Family<C> register(
      String name,
      String help,
      String type,
      String[] labels,
      java.util.function.Function<List<String>, C> make) {
    var fam =
        families.computeIfAbsent(name, n -> new Family<>(n, help, type, List.of(labels), make));
    if (!fam.type().equals(type) || !fam.labelNames().equals(List.of(labels))) {
      throw new IllegalStateException("metric " + name + " registered twice with different shapes");
    }
    return (Family<C>) fam;
  }

  /** The whole registry in Prometheus text format 0.0.4. */
  public String scrape() {
    var out = new StringBuilder(4096);
    families.values().forEach(f -> f.render(out));
    return out.toString();
  }

  /** Buckets from 1 ms to 60 s, for request latencies. */
  public static double[] latencyBuckets() {
    return new double[] {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
    };
  }

  /** Powers of two, for batch sizes. */
  public static double[] sizeBuckets() {
    return new double[] {1, 2, 4, 8, 16, 32, 64, 128, 256};
  }

  /** Base of the child kinds. */
  public sealed interface Child permits Counter, Gauge, Histogram {
    void render(StringBuilder out, String name, String labels);
  }

  static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String number(double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  static <K, V> ConcurrentHashMap<K, V> map() {
    return new ConcurrentHashMap<>();
  }
}
