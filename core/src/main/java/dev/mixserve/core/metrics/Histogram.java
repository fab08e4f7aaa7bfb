package dev.mixserve.core.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Cumulative buckets, sum and count, as Prometheus expects. */
public final class Histogram implements Metrics.Child {
  private final double[] bounds;
  private final LongAdder[] counts; // [bounds.length + 1], the last is +Inf
  private final DoubleAdder sum = new DoubleAdder();

  Histogram(double[] bounds) {
    this.bounds = bounds.clone();
    this.counts = new LongAdder[bounds.length + 1];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  public void observe(double v) {
    int i = 0;
    while (i < bounds.length && v > bounds[i]) {
      i++;
    }
    counts[i].increment();
    sum.add(v);
  }

  public void observeNanos(long nanos) {
    observe(nanos / 1e9);
  }

  public long count() {
    long n = 0;
    for (LongAdder c : counts) {
      n += c.sum();
    }
    return n;
  }

  public double sum() {
    return sum.sum();
  }

  @Override
  public void render(StringBuilder out, String name, String labels) {
    String sep = labels.isEmpty() ? "" : labels + ",";
    long cumulative = 0;
    for (int i = 0; i < counts.length; i++) {
      cumulative += counts[i].sum();
      String le = i < bounds.length ? Metrics.number(bounds[i]) : "+Inf";
      out.append(name).append("_bucket{").append(sep).append("le=\"").append(le).append("\"} ");
      out.append(cumulative).append('\n');
    }
    String braces = labels.isEmpty() ? "" : "{" + labels + "}";
    out.append(name)
        .append("_sum")
        .append(braces)
        .append(' ')
        .append(Metrics.number(sum.sum()))
        .append('\n');
    out.append(name).append("_count").append(braces).append(' ').append(cumulative).append('\n');
  }
}
