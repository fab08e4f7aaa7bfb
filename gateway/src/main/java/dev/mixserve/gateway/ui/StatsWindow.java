package dev.mixserve.gateway.ui;

import dev.mixserve.core.metrics.Metrics;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last minutes of every deployment's counters, read at most once a {@link #EVERY_NANOS} while
 * someone watches (each open status stream asks; no thread of its own), and the rates between them:
 * the numbers of the Deployments page and the points of its charts.
 */
final class StatsWindow {
  static final long EVERY_NANOS = 1_000_000_000L;

  /** Rates are taken over this much of the past, so that one slow request does not flicker. */
  static final long WINDOW_NANOS = 10_000_000_000L;

  private static final long KEEP_NANOS = 5 * 60_000_000_000L;

  /** One reading of all deployments and the rates it gave, for the charts. */
  record Sample(
      long nanos, long epochMillis, Map<String, Reading> readings, Map<String, Rates> rates) {}

  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  /**
   * Reads the registry if the last reading is older than {@link #EVERY_NANOS}; the newest sample.
   */
  synchronized Sample sampleIfDue(Metrics metrics) {
    long now = System.nanoTime();
    var last = samples.peekLast();
    if (last != null && now - last.nanos() < EVERY_NANOS) {
      return last;
    }
    return add(now, System.currentTimeMillis(), Readings.read(metrics));
  }

  /** Adds a reading taken at {@code nanos}; drops what is older than the kept minutes. */
  synchronized Sample add(long nanos, long epochMillis, Map<String, Reading> readings) {
    Sample base = base(nanos);
    var rates = new TreeMap<String, Rates>();
    for (var e : readings.entrySet()) {
      Reading before = base == null ? null : base.readings().get(e.getKey());
      double seconds = base == null ? 0 : (nanos - base.nanos()) / 1e9;
      rates.put(
          e.getKey(),
          before == null || seconds <= 0
              ? Rates.between(Reading.ZERO, Reading.ZERO, 1)
              : Rates.between(before, e.getValue(), seconds));
    }
    var s = new Sample(nanos, epochMillis, Map.copyOf(readings), Map.copyOf(rates));
    samples.addLast(s);
    while (nanos - samples.peekFirst().nanos() > KEEP_NANOS) {
      samples.removeFirst();
    }
    return s;
  }

  /** The oldest sample within the window before {@code nanos}, or null when there is none. */
  private Sample base(long nanos) {
    Sample base = null;
    for (var it = samples.descendingIterator(); it.hasNext(); ) {
      Sample s = it.next();
      if (nanos - s.nanos() > WINDOW_NANOS) {
        break;
      }
      base = s;
    }
    return base;
  }

  synchronized List<Sample> history() {
    return List.copyOf(samples);
  }
}
