package dev.mixserve.core.metrics;

import java.util.concurrent.atomic.DoubleAdder;

/** A monotonically increasing count. */
public final class Counter implements Metrics.Child {
  private final DoubleAdder value = new DoubleAdder();

  public void inc() {
    value.add(1);
  }

  public void add(double amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("counters only go up");
    }
    value.add(amount);
  }

  public double value() {
    return value.sum();
  }

  @Override
  public void render(StringBuilder out, String name, String labels) {
    out.append(name).append(labels.isEmpty() ? "" : "{" + labels + "}");
    out.append(' ').append(Metrics.number(value.sum())).append('\n');
  }
}
