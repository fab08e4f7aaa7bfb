package dev.mixserve.core.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** A value that goes up and down, or a function read at scrape time. */
public final class Gauge implements Metrics.Child {
  private final AtomicLong value = new AtomicLong();
  private volatile DoubleSupplier function;

  public void inc() {
    value.incrementAndGet();
  }

  public void dec() {
    value.decrementAndGet();
  }

  public void set(long v) {
    value.set(v);
  }

  void bind(DoubleSupplier f) {
    function = f;
  }

  public double value() {
    DoubleSupplier f = function;
    return f != null ? f.getAsDouble() : value.get();
  }

  @Override
  public void render(StringBuilder out, String name, String labels) {
    out.append(name).append(labels.isEmpty() ? "" : "{" + labels + "}");
    out.append(' ').append(Metrics.number(value())).append('\n');
  }
}
