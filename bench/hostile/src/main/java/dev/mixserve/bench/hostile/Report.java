package dev.mixserve.bench.hostile;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line per case: what the attacker was answered, and how the steady client fared meanwhile
 * against its p99 unloaded just before the case (the cores are shared, so a baseline taken minutes
 * earlier may be from another machine load). A case is ok when that p99 is at most {@link
 * #MAX_RATIO} times the unloaded one and every steady request got its 200.
 */
final class Report {
  static final double MAX_RATIO = 2.0;

  private final PrintStream out;
  private int notOk;

  Report(PrintStream out) {
    this.out = out;
  }

  static String steady(Steady.Stats s) {
    return String.format(
        Locale.ROOT,
        "p50 %.2f ms, p99 %.2f ms, longest %.0f ms (%d requests%s)",
        s.p50(),
        s.p99(),
        s.longest(),
        s.count(),
        s.errors() == 0 ? "" : ", " + s.errors() + " FAILED");
  }

  void header() {
    out.println(
        "case | what the server answered the attacker | steady client meanwhile | p99 ×"
            + " unloaded p99 just before | verdict");
  }

  void row(String name, String answered, Steady.Stats unloaded, Steady.Stats during, String gc) {
    double ratio = during.p99() / unloaded.p99();
    boolean ok = ratio <= MAX_RATIO && during.errors() == 0;
    if (!ok) {
      notOk++;
    }
    out.printf(
        Locale.ROOT,
        "%s | %s | %s; %s | %.2f× %.2f ms | %s%n",
        name,
        answered,
        steady(during),
        gc,
        ratio,
        unloaded.p99(),
        ok ? "ok" : "NOT OK");
    out.flush();
  }

  int notOk() {
    return notOk;
  }
}
