package dev.mixserve.bench.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * What many attacking connections were answered, summed up: "200 × 408 after 10.0–10.2 s, all
 * closed". Connections run on threads of their own, so adding is synchronized.
 */
final class Tally {
  private record Seen(String label, long millis, boolean closed) {}

  private final List<Seen> seen = new ArrayList<>();
  private final boolean closing;

  /** {@code closing}: whether the server should have closed, so the summary says if it did. */
  Tally(boolean closing) {
    this.closing = closing;
  }

  /** One connection's outcome; {@code millis} < 0 when there is no time to tell. */
  synchronized void add(String label, long millis, boolean closed) {
    seen.add(new Seen(label, millis, closed));
  }

  /** A connection's answer, timed from {@code since} (System.nanoTime). */
  void add(Conn.Heard h, long since) {
    long millis = h.firstNanos() < 0 ? -1 : (h.firstNanos() - since) / 1_000_000;
    add(h.label(), millis, h.closed());
  }

  synchronized int size() {
    return seen.size();
  }

  synchronized String summary() {
    if (seen.isEmpty()) {
      return "nothing";
    }
    var groups = new LinkedHashMap<String, List<Seen>>();
    seen.forEach(s -> groups.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s));
    var parts = new ArrayList<String>();
    groups.forEach((label, list) -> parts.add(group(label, list)));
    if (!closing) {
      return String.join(", ", parts);
    }
    long closed = seen.stream().filter(Seen::closed).count();
    String ends =
        closed == seen.size()
            ? "all closed"
            : closed == 0 ? "none closed" : closed + "/" + seen.size() + " closed";
    return String.join(", ", parts) + "; " + ends;
  }

  private static String group(String label, List<Seen> list) {
    String count = list.size() == 1 ? "" : list.size() + " × ";
    long[] times = list.stream().mapToLong(Seen::millis).filter(m -> m >= 0).sorted().toArray();
    if (times.length == 0) {
      return count + label;
    }
    return count + label + " " + range(times[0], times[times.length - 1]);
  }

  /** "after 12 ms", "after 10.0–10.3 s". */
  static String range(long lo, long hi) {
    if (hi < 1000) {
      return lo == hi ? "after " + lo + " ms" : "after " + lo + "–" + hi + " ms";
    }
    String a = String.format(Locale.ROOT, "%.1f", lo / 1000.0);
    String b = String.format(Locale.ROOT, "%.1f", hi / 1000.0);
    return a.equals(b) ? "after " + a + " s" : "after " + a + "–" + b + " s";
  }
}
