package dev.mixserve.gateway.ui;

import dev.mixserve.core.metrics.Metrics;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads every deployment's counters from the server's metrics registry: the client's snapshot
 * objects, the same numbers /metrics prints, without formatting and parsing text.
 */
final class Readings {
  private static final Set<String> NAMES =
      Set.of(
          "mixserve_requests",
          "mixserve_request_duration_seconds",
          "mixserve_batch_size",
          "mixserve_tokens",
          "mixserve_audio_real_time_factor");

  private Readings() {}

  static Map<String, Reading> read(Metrics metrics) {
    var out = new HashMap<String, Reading>();
    for (MetricSnapshot m : metrics.prometheus().scrape(NAMES::contains)) {
      switch (m) {
        case CounterSnapshot c -> counter(c, out);
        case HistogramSnapshot h -> histogram(h, out);
        default -> {}
      }
    }
    out.remove("-"); // requests no deployment took
    return out;
  }

  private static void counter(CounterSnapshot c, Map<String, Reading> out) {
    String name = c.getMetadata().getName();
    for (var p : c.getDataPoints()) {
      String d = p.getLabels().get("deployment");
      Reading r = out.getOrDefault(d, Reading.ZERO);
      if (name.equals("mixserve_requests")) {
        String status = p.getLabels().get("status");
        boolean failed = status != null && status.startsWith("5");
        out.put(d, r.withRequests(p.getValue(), failed ? p.getValue() : 0));
      } else if ("completion".equals(p.getLabels().get("kind"))) {
        out.put(d, r.withTokens(p.getValue()));
      }
    }
  }

  private static void histogram(HistogramSnapshot h, Map<String, Reading> out) {
    String name = h.getMetadata().getName();
    for (var p : h.getDataPoints()) {
      String d = p.getLabels().get("deployment");
      Reading r = out.getOrDefault(d, Reading.ZERO);
      out.put(
          d,
          switch (name) {
            case "mixserve_request_duration_seconds" -> latency(r, p);
            case "mixserve_batch_size" -> r.withBatches(p.getSum(), p.getCount());
            default -> r.withRtf(p.getSum(), p.getCount()); // summed over the engines
          });
    }
  }

  private static Reading latency(Reading r, HistogramSnapshot.HistogramDataPointSnapshot p) {
    var buckets = p.getClassicBuckets();
    double[] bounds = new double[buckets.size()];
    long[] counts = new long[buckets.size()];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = buckets.getUpperBound(i);
      counts[i] = buckets.getCount(i);
    }
    return r.withLatency(bounds, counts);
  }
}
