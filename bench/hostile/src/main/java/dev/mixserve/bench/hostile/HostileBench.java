package dev.mixserve.bench.hostile;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue #16's hostile cases rerun against a real server in this JVM, each beside a steady client:
 * per case, what the server answered the attacker, and the steady client's p99 against its value
 * unloaded just before. A report, not a test: it exits 0 whatever it finds.
 *
 * <p>Run: {@code ./mixserve bench hostile --seconds 10}
 */
public final class HostileBench {
  static final List<String> CASES =
      List.of(
          "slowloris",
          "partial-bodies",
          "body-budget",
          "trickled-body",
          "long-boundary",
          "smuggling",
          "abandoned-chats",
          "overload");

  private interface Attack {
    String run() throws Exception;
  }

  private HostileBench() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(Options.USAGE);
      System.exit(0);
    }
    run(Duration.ofSeconds(options.seconds()), options.only());
    System.exit(0);
  }

  private static void run(Duration window, List<String> only) throws Exception {
    String loadBefore = Setup.load();
    try (var upstream = new SlowUpstream();
        var server = Setup.start(upstream.port());
        var scrape = new Scrape(server.port())) {
      server.loaded().get(60, TimeUnit.SECONDS);
      int port = server.port();
      Setup.describe(System.out, window);
      Steady.measure(port, Duration.ofSeconds(3)); // warm-up: the JIT compiles the request path
      System.out.println("steady client unloaded: " + Report.steady(Steady.measure(port, window)));
      var report = new Report(System.out);
      report.header();
      for (String name : only) {
        System.err.println("running " + name + " ...");
        settle(scrape);
        runCase(name, attack(name, port, scrape, window), port, scrape, window, report);
      }
      System.out.printf(
          "%d of %d cases NOT OK; load before: %s, after: %s%n",
          report.notOk(), only.size(), loadBefore, Setup.load());
    }
  }

  private static Attack attack(String name, int port, Scrape scrape, Duration window) {
    return switch (name) {
      case "slowloris" -> () -> SlowAttacks.slowloris(port);
      case "partial-bodies" -> () -> SlowAttacks.partialBodies(port);
      case "body-budget" -> () -> SlowAttacks.budgetHold(port, window);
      case "trickled-body" -> () -> SlowAttacks.trickledBody(port);
      case "long-boundary" -> () -> RequestAttacks.longBoundary(port);
      case "smuggling" -> () -> RequestAttacks.smuggling(port, scrape);
      case "abandoned-chats" -> () -> LoadAttacks.abandonedChats(port, window);
      case "overload" -> () -> LoadAttacks.overload(port, scrape, window);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * An unloaded window, then the attack and the steady client together for the attack's time or the
   * window if longer.
   */
  private static void runCase(
      String name, Attack attack, int port, Scrape scrape, Duration window, Report report)
      throws Exception {
    var unloaded = Steady.measure(port, window);
    String before = scrape.text();
    Gc gc = Gc.now();
    String answered;
    Steady.Stats during;
    try (var steady = Steady.start(port)) {
      long until = System.nanoTime() + window.toNanos();
      try {
        answered = attack.run();
      } catch (Exception e) {
        answered = "the bench's attacker failed: " + e;
      }
      during = steady.finish(until);
    }
    if (!name.equals("overload")) {
      answered += ReplicaCounts.sideEffects(before, scrape.text(), "slow");
    }
    report.row(name, answered, unloaded, during, Gc.now().since(gc));
  }

  /** What one case did to the upstream's replicas must not be charged to the next. */
  private static void settle(Scrape scrape) throws Exception {
    if (!scrape.await(Setup.RUNNING, 2, Duration.ofSeconds(30))) {
      System.out.println("(after 30 s the upstream's 2 replicas are still not both running)");
    }
  }
}
