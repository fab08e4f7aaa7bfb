package dev.mixserve.bench.gateway;

import dev.mixserve.bench.gateway.Wrk.Result;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The table: per target the median and range over rounds, then the ratios per round. */
final class Report {
  private final List<Result> direct;
  private final List<Result> mixserve;
  private final List<Result> nginx;
  private final List<Result> keyed;

  Report(List<Result> direct, List<Result> mixserve, List<Result> nginx, List<Result> keyed) {
    this.direct = direct;
    this.mixserve = mixserve;
    this.nginx = nginx;
    this.keyed = keyed;
  }

  void print() {
    System.out.printf(
        "%n%-20s %-22s %-22s %-24s %s%n", "target", "req/s", "p50 ms", "p99 ms", "failed");
    row("(a) direct", direct);
    row("(b) mixserve proxy", mixserve);
    row("(c) nginx proxy", nginx);
    row("(d) mixserve, keys on", keyed);
    int n = direct.size();
    double[] ratio = new double[n];
    double[] addedMix = new double[n];
    double[] addedNginx = new double[n];
    double[] keysCost = new double[n];
    double[] keysP99 = new double[n];
    for (int i = 0; i < n; i++) {
      ratio[i] = mixserve.get(i).rate() / nginx.get(i).rate();
      addedMix[i] = mixserve.get(i).p99() - direct.get(i).p99();
      addedNginx[i] = nginx.get(i).p99() - direct.get(i).p99();
      keysCost[i] = keyed.get(i).rate() / mixserve.get(i).rate();
      keysP99[i] = keyed.get(i).p99() - mixserve.get(i).p99();
    }
    System.out.printf("%nper round (same round = same background load):%n");
    System.out.printf("mixserve/nginx req/s   %s  (goal >= 0.95)%n", summary(ratio, "%.2f"));
    System.out.printf("mixserve p99 - direct  %s ms  (goal <= 1 ms)%n", summary(addedMix, "%+.2f"));
    System.out.printf("nginx p99 - direct     %s ms%n", summary(addedNginx, "%+.2f"));
    System.out.printf("keys on/off req/s      %s%n", summary(keysCost, "%.2f"));
    System.out.printf("keys on - off p99      %s ms%n", summary(keysP99, "%+.2f"));
  }

  private static void row(String name, List<Result> rs) {
    System.out.printf(
        "%-20s %-22s %-22s %-24s %d%n",
        name,
        summary(values(rs, Result::rate), "%.0f"),
        summary(values(rs, Result::p50), "%.2f"),
        summary(values(rs, Result::p99), "%.2f"),
        rs.stream().mapToLong(Result::failed).sum());
  }

  private static double[] values(List<Result> rs, ToDoubleFunction<Result> f) {
    return rs.stream().mapToDouble(f).toArray();
  }

  /** "median (min–max)" */
  static String summary(double[] xs, String format) {
    double[] s = xs.clone();
    Arrays.sort(s);
    double median =
        s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return String.format(
        format + " (" + format + ".." + format + ")", median, s[0], s[s.length - 1]);
  }
}
