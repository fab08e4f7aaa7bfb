package dev.mixserve.bench.audio;

import java.util.ArrayList;
import java.util.List;

/** Sums over rows: audio seconds, best direct and HTTP seconds, word errors. */
final class Totals {
  /** {@code floor}: seconds to move the answer over a bare loopback socket, 0 when not measured. */
  record Row(double audio, double direct, double http, double errors, int words, double floor) {
    Row(double audio, double direct, double http, double errors, int words) {
      this(audio, direct, http, errors, words, 0);
    }
  }

  private final List<Row> rows = new ArrayList<>();

  void add(Row r) {
    rows.add(r);
  }

  void print(String engine) {
    double audio = rows.stream().mapToDouble(Row::audio).sum();
    double direct = rows.stream().mapToDouble(Row::direct).sum();
    double http = rows.stream().mapToDouble(Row::http).sum();
    int words = rows.stream().mapToInt(Row::words).sum();
    double errors = rows.stream().mapToDouble(Row::errors).sum();
    double floor = rows.stream().mapToDouble(Row::floor).sum();
    System.out.printf(
        "  %-12s total %.2f s audio  RTF direct %.4f  http %.4f  overhead %+.1f%%%s%s%n",
        engine,
        audio,
        direct / audio,
        http / audio,
        100 * (http / direct - 1),
        floor > 0 ? String.format("  (bare-socket floor %+.1f%%)", 100 * floor / direct) : "",
        words > 0 ? String.format("  WER %.3f (%d words)", errors / words, words) : "");
  }
}
