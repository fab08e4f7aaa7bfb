package dev.mixserve.core.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * A server's metric families on the Prometheus Java client: a {@link PrometheusRegistry} of its own
 * (tests run several servers in one JVM, so never the default registry) behind the small API the
 * call sites use. Families are registered once by name; hot paths hold the returned child, which
 * touches only the client's adders.
 */
public final class Metrics {
  /** Honours prometheus.properties (created timestamps and the like), as the client documents. */
  private static final ExpositionFormats FORMATS = ExpositionFormats.init();

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Map<String, Shape> shapes = new ConcurrentHashMap<>();
  private final Map<String, Family<?>> families = new ConcurrentHashMap<>();
  private final Map<String, GaugeFunctions> functions = new ConcurrentHashMap<>();
  private final boolean jvm;

  /** A registry of mixserve's families only: engines run outside a server, tests. */
  public Metrics() {
    this(false);
  }

  private Metrics(boolean jvm) {
    this.jvm = jvm;
  }

  /** A server's registry: its scrape also has the JVM and process families ({@code jvm_*}). */
  public static Metrics withJvm() {
    return new Metrics(true);
  }

  /**
   * A counter, named with its {@code _total}: the client drops the suffix from the family and adds
   * it to the samples, so the exposed name is the one given here, and without it would not be.
   */
  public Family<Counter> counter(String name, String help, String... labels) {
    if (!name.endsWith("_total")) {
      throw new IllegalArgumentException("counter " + name + " must end in _total");
    }
    return family(
        name,
        "counter",
        labels,
        () ->
            Family.counter(
                io.prometheus.metrics.core.metrics.Counter.builder()
                    .name(name)
                    .help(help)
                    .labelNames(labels)
                    .withoutExemplars()
                    .register(registry),
                name,
                labels));
  }

  public Family<Gauge> gauge(String name, String help, String... labels) {
    return family(
        name,
        "gauge",
        labels,
        () ->
            Family.gauge(
                io.prometheus.metrics.core.metrics.Gauge.builder()
                    .name(name)
                    .help(help)
                    .labelNames(labels)
                    .withoutExemplars()
                    .register(registry),
                name,
                labels));
  }

  /** A classic histogram with these upper bounds (+Inf added); no native buckets to pay for. */
  public Family<Histogram> histogram(String name, String help, double[] buckets, String... labels) {
    return family(
        name,
        "histogram",
        labels,
        () ->
            Family.histogram(
                io.prometheus.metrics.core.metrics.Histogram.builder()
                    .name(name)
                    .help(help)
                    .labelNames(labels)
                    .classicOnly()
                    .classicUpperBounds(buckets)
                    .withoutExemplars()
                    .register(registry),
                name,
                labels));
  }

  /** A gauge read at scrape time, e.g. a queue length; one function per label values. */
  public void gaugeFunction(
      String name, String help, Map<String, String> labels, DoubleSupplier f) {
    String[] names = labels.keySet().toArray(String[]::new);
    String[] values = labels.values().toArray(String[]::new);
    check(name, "gauge function", names);
    var functions =
        this.functions.computeIfAbsent(
            name,
            n -> {
              var g = new GaugeFunctions();
              GaugeWithCallback.builder()
                  .name(n)
                  .help(help)
                  .labelNames(names)
                  .callback(g)
                  .register(registry);
              return g;
            });
    functions.bind(values, f);
  }

  @SuppressWarnings("unchecked")
  private <C> Family<C> family(
      String name, String type, String[] labels, java.util.function.Supplier<Family<C>> make) {
    check(name, type, labels);
    return (Family<C>) families.computeIfAbsent(name, n -> make.get());
  }

  /** The same name twice must be the same family: the call sites register idempotently. */
  private void check(String name, String type, String[] labels) {
    var shape = new Shape(type, List.of(labels));
    var had = shapes.putIfAbsent(name, shape);
    if (had != null && !had.equals(shape)) {
      throw new IllegalStateException("metric " + name + " registered twice with different shapes");
    }
  }

  /** The whole registry in Prometheus text format 0.0.4. */
  public String scrape() {
    return new String(scrape(null).body(), StandardCharsets.UTF_8);
  }

  /**
   * The registry in the format {@code accept} (a request's Accept header, or null) asks for:
   * OpenMetrics 1.0.0 when it names {@code application/openmetrics-text}, else Prometheus text
   * 0.0.4. Protobuf is not offered (the client writes it only with its 2 MB shaded protobuf jar),
   * so a Prometheus that asks for it first gets its next choice.
   */
  public Scrape scrape(String accept) {
    ExpositionFormatWriter writer =
        FORMATS.getOpenMetricsTextFormatWriter().accepts(accept)
            ? FORMATS.getOpenMetricsTextFormatWriter()
            : FORMATS.getPrometheusTextFormatWriter();
    var out = new ByteArrayOutputStream(32 * 1024);
    try {
      writer.write(out, snapshots());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return new Scrape(writer.getContentType(), out.toByteArray());
  }

  /** One scrape's body and the Content-Type that names its format. */
  public record Scrape(String contentType, byte[] body) {}

  private MetricSnapshots snapshots() {
    MetricSnapshots own = registry.scrape();
    if (!jvm) {
      return own;
    }
    var all = MetricSnapshots.builder();
    own.forEach(all::metricSnapshot);
    Jvm.REGISTRY.scrape().forEach(all::metricSnapshot);
    return all.build();
  }

  /** The client's registry, for collectors of its own kind. */
  public PrometheusRegistry prometheus() {
    return registry;
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

  private record Shape(String type, List<String> labels) {}

  /**
   * The JVM and process families, registered once per JVM into a registry of their own: they
   * describe the process, whichever server scrapes them, and JvmMetrics keeps every registry it was
   * given in a static set (with GC listeners on each), so one per server would leak servers.
   */
  private static final class Jvm {
    static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

    static {
      JvmMetrics.builder().register(REGISTRY);
    }
  }

  /** The functions behind one gauge name, by label values, read at scrape time. */
  private static final class GaugeFunctions
      implements java.util.function.Consumer<GaugeWithCallback.Callback> {
    private final Map<List<String>, DoubleSupplier> byLabels = new ConcurrentHashMap<>();

    void bind(String[] values, DoubleSupplier f) {
      byLabels.put(List.of(values), f);
    }

    @Override
    public void accept(GaugeWithCallback.Callback out) {
      byLabels.forEach((labels, f) -> out.call(f.getAsDouble(), labels.toArray(String[]::new)));
    }
  }
}
