package dev.mixserve.bench.embeddings;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Rates per measurement and round, printed as medians with ranges; ratios per round. */
final class Rows {
  private final int rounds;
  private final Map<String, double[]> rates = new LinkedHashMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();

  Rows(int rounds) {
    this.rounds = rounds;
  }

  void add(int round, String name, double rate) {
    rates.computeIfAbsent(name, n -> new double[rounds])[round] = rate;
  }

  /** A remark printed beside the row, e.g. the mean batch size; the last one wins. */
  void note(String name, String text) {
    notes.put(name, text);
  }

  void print() {
    rates.forEach(
        (name, r) ->
            System.out.printf(
                Locale.ROOT,
                "%-30s %8.1f embeddings/s  (%.1f..%.1f)  %s%n",
                name,
                median(r),
                min(r),
                max(r),
                notes.getOrDefault(name, "")));
  }

  void ratio(String name, String baseline, String goal) {
    double[] a = rates.get(name);
    double[] b = rates.get(baseline);
    double[] q = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      q[i] = a[i] / b[i];
    }
    System.out.printf(
        Locale.ROOT,
        "ratio %s / %s  %.2f (%.2f..%.2f)%s%n",
        name,
        baseline,
        median(q),
        min(q),
        max(q),
        goal);
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int mid = s.length / 2;
    return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  }

  private static double min(double[] xs) {
    return Arrays.stream(xs).min().orElse(0);
  }

  private static double max(double[] xs) {
    return Arrays.stream(xs).max().orElse(0);
  }
}
