package dev.mixserve.bench.startup;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How long {@code serve} takes to be ready on the embedded default (without /llm) and how much
 * memory it holds, measured on the real server as a child process, optionally beside a baseline
 * build in the same rounds (alternating which goes first, so that background load on a shared
 * machine falls on both alike).
 *
 * <p>Run: {@code ./mixserve bench startup --rounds 5 --baseline-jar ../other-checkout}
 */
public final class StartupBench {
  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(defaultBuild(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.print(Options.USAGE);
      return;
    }
    Path dir = Files.createTempDirectory("mixserve-startup-bench");
    try {
      run(options, dir);
    } catch (IllegalArgumentException | java.io.IOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    } finally {
      deleteTree(dir);
    }
    System.exit(0);
  }

  private static void run(Options options, Path dir) throws Exception {
    var builds = new ArrayList<Build>();
    builds.add(Build.of("build", options.build(), dir));
    if (options.baseline().isPresent()) {
      builds.add(Build.of("baseline", options.baseline().get(), dir));
    }
    var configs = new ArrayList<Path>();
    var names = new ArrayList<List<String>>();
    for (Build b : builds) {
      String yaml = WithoutLlm.cut(WithoutLlm.defaultYaml(b.root()));
      configs.add(Files.writeString(dir.resolve(b.label() + ".yaml"), yaml));
      names.add(WithoutLlm.deployments(yaml));
    }
    System.out.printf(
        "startup: serve on the embedded default without /llm (%s); %d rounds after a warm-up;"
            + " %d cores; load %s%n",
        String.join(", ", names.getFirst()),
        options.rounds(),
        Runtime.getRuntime().availableProcessors(),
        load());
    for (Build b : builds) {
      System.out.printf("  %-9s %s%n            flags: %s%n", b.label(), b.root(), b.javaFlags());
    }
    var results = new ArrayList<List<Round>>();
    builds.forEach(b -> results.add(new ArrayList<>()));
    try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      for (int round = 0; round <= options.rounds(); round++) {
        for (int k = 0; k < builds.size(); k++) {
          int i = (k + round) % builds.size(); // alternate which build starts first
          Round r = once(http, builds.get(i), configs.get(i), names.get(i), dir, round);
          String tag = round == 0 ? "warm-up" : "round " + round;
          System.out.printf("%-8s %-9s %s%n", tag, builds.get(i).label(), r.line());
          if (round > 0) {
            results.get(i).add(r);
          }
        }
      }
    }
    System.out.println();
    for (int i = 0; i < builds.size(); i++) {
      Report.print(builds.get(i).label(), results.get(i));
    }
    if (builds.size() == 2) {
      Report.ratios(results.get(0), results.get(1));
    }
    System.out.printf("goals: ready <= 3 s, RSS after the Quickstart <= 600 MB; load %s%n", load());
  }

  private static Round once(
      HttpClient http, Build build, Path config, List<String> names, Path dir, int round)
      throws Exception {
    Path log = dir.resolve(build.label() + "-" + round + ".log");
    try (var server = ServerRun.start(build, config, log)) {
      double listening = server.awaitListening();
      double ready = server.awaitReady(http, names);
      double cpu = server.cpuSeconds();
      Rss atReady = server.rss();
      long t0 = System.nanoTime();
      Quickstart.run(http, server);
      double quickstart = (System.nanoTime() - t0) / 1e9;
      return new Round(listening, ready, cpu, atReady, quickstart, server.rss());
    }
  }

  /** The 1, 5 and 15 minute load averages, as uptime prints them. */
  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** The checkout this bench.jar was built in (bench/startup/target/bench.jar), else ".". */
  private static Path defaultBuild() {
    try {
      Path jar =
          Path.of(StartupBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = jar.getParent().getParent().getParent().getParent();
      if (Files.isDirectory(root.resolve("cli"))) {
        return root;
      }
    } catch (Exception e) {
      // Not run from its jar: fall back to the working directory.
    }
    return Path.of(".").toAbsolutePath().normalize();
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
