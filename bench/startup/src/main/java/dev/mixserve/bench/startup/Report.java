package dev.mixserve.bench.startup;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians per build over the measured rounds, and the ratios build/baseline of the medians. */
final class Report {
  record Column(String name, String unit, ToDoubleFunction<Round> value) {}

  static final List<Column> COLUMNS =
      List.of(
          new Column("listening", "s", Round::listening),
          new Column("ready", "s", Round::ready),
          new Column("cpu", "s", Round::cpu),
          new Column("RSS ready", "MB", r -> Round.mb(r.atReady().vmRssKb())),
          new Column("quickstart", "s", Round::quickstart),
          new Column("RSS after", "MB", r -> Round.mb(r.after().vmRssKb())),
          new Column("peak", "MB", r -> Round.mb(r.after().vmHwmKb())));

  private Report() {}

  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static double median(List<Round> rounds, Column c) {
    return median(rounds.stream().mapToDouble(c.value()).toArray());
  }

  static void print(String label, List<Round> rounds) {
    var sb = new StringBuilder(String.format("median %-9s", label));
    for (Column c : COLUMNS) {
      sb.append(String.format("  %s %s %s", c.name(), format(median(rounds, c), c), c.unit()));
    }
    System.out.println(sb);
  }

  static void ratios(List<Round> build, List<Round> baseline) {
    var sb = new StringBuilder(String.format("ratio  %-9s", "build/baseline"));
    for (Column c : COLUMNS) {
      sb.append(String.format("  %s %.2f", c.name(), median(build, c) / median(baseline, c)));
    }
    System.out.println(sb);
  }

  private static String format(double v, Column c) {
    return c.unit().equals("MB") ? String.format("%4.0f", v) : String.format("%5.2f", v);
  }
}
