package dev.mixserve.bench.llm;

import dev.mixserve.bench.common.BenchArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Chat tokens/s: 1 stream and the aggregate of N concurrent streams, through HTTP (SSE) against the
 * binding called directly in-process, with the ratios. A benchmark, not a test.
 *
 * <pre>
 * ./mixserve bench llm [--model FILE.gguf] [--threads 1,2] [--parallel 4] [--tokens 128] [--rounds 5]
 *     [--seconds 1] [--stream-interval-ms MS]
 * </pre>
 */
public final class LlmBench {
  /** Each case generates again and again for at least this long in each round. */
  private static double seconds;

  /** A second mixserve whose HTTP rows use this stream_interval_ms, or null for none. */
  private static Double otherInterval;

  private static String otherName;

  /** Whether to add rows for a mixserve whose handler takes the port itself (no front door). */
  private static boolean handlerAlone;

  private LlmBench() {}

  static final BenchArgs ARGS =
      new BenchArgs(
              "llm",
              "Chat tokens/s over HTTP SSE against the llama.cpp binding and a bare C API loop.")
          .option(
              "--model",
              "FILE.gguf",
              BenchArgs.Kind.TEXT,
              "../shared/models/llm/stories260K.gguf",
              "the model")
          .option("--threads", "N,...", BenchArgs.Kind.TEXT, "1,2", "thread counts, one part each")
          .option("--parallel", "N", BenchArgs.Kind.INTEGER, "4", "streams at once")
          .option("--tokens", "N", BenchArgs.Kind.INTEGER, "128", "tokens per answer")
          .option("--rounds", "N", BenchArgs.Kind.INTEGER, "5", "rounds, odd ones in reverse")
          .option("--seconds", "S", BenchArgs.Kind.DECIMAL, "1", "least time per case a round")
          .option(
              "--stream-interval-ms",
              "MS",
              BenchArgs.Kind.DECIMAL,
              "",
              "also measure the server with this stream interval")
          .option(
              "--handler-alone",
              "yes",
              BenchArgs.Kind.TEXT,
              "",
              "also measure the handler on its own port (no front door)");

  public static void main(String[] args) throws Throwable {
    var a = ARGS.parseOrExit(args);
    Path model = Path.of(a.text("--model")).toAbsolutePath();
    if (!Files.isRegularFile(model)) {
      System.err.println("no model at " + model + "; give --model FILE.gguf");
      System.exit(2);
    }
    System.setProperty("de.kherud.llama.tmpdir", tmpdir().toString());
    int parallel = a.integer("--parallel");
    int tokens = a.integer("--tokens");
    int rounds = a.integer("--rounds");
    seconds = a.decimal("--seconds");
    handlerAlone = a.given("--handler-alone");
    if (a.given("--stream-interval-ms")) {
      otherInterval = a.decimal("--stream-interval-ms");
      otherName = "mixserve HTTP SSE, stream interval " + otherInterval + " ms";
    }
    System.out.printf(
        "model %s, greedy, %d tokens, %d streams, median of %d rounds, %d cores%n",
        model.getFileName(), tokens, parallel, rounds, Runtime.getRuntime().availableProcessors());
    for (int t : threads(a.text("--threads"))) {
      run(new Setup(model, t, parallel, tokens, rounds));
    }
    // The binding leaves a non-daemon native thread behind after close (java-llama.cpp#116).
    System.exit(0);
  }

  // Both sides stay loaded and their rounds alternate, so that load from other processes on the
  // machine falls on both alike; ratios are medians of per-round ratios.
  private static void run(Setup s) throws Throwable {
    int n = s.parallel();
    try (var direct = new Direct(s, n);
        var served = new Served(s, null);
        var other = otherInterval == null ? null : new Served(s, otherInterval);
        var alone = handlerAlone ? new Served(s, null, false) : null;
        var bare = new BareLoop(s, library())) {
      System.out.printf(
          "%nthreads=%d (generation and batch); ratios: against the first row of each part, and"
              + " against the bare C API loop%n",
          s.threads());
      // The binding's server keeps each slot's last request in the KV cache for prompt reuse, so
      // with n slots a lone stream attends over up to n old answers and ran 2-2.5x slower than
      // with 1 slot: the baseline for one stream is the binding at its best, with 1 slot.
      try (var single = new Direct(s, 1)) {
        compare(
            s,
            2,
            new Case("binding direct, 1 slot, 1 stream", single::one),
            new Case("binding direct, " + n + " slots, 1 stream", direct::one),
            new Case("llama.cpp C API bare loop, 1 stream", bare::one),
            new Case("mixserve engine in-process, 1 stream", served::engineOne),
            new Case("mixserve HTTP SSE, 1 stream", served::httpOne),
            other == null ? null : new Case(otherName + ", 1 stream", other::httpOne),
            alone == null
                ? null
                : new Case("mixserve HTTP SSE, handler alone, 1 stream", alone::httpOne));
      }
      // Concurrent streams run as steady load: each ended stream is replaced at once until the
      // round's time is up. Timed as batches of n that all had to end before the next began, any
      // path whose requests start a little apart (HTTP: connect, parse) left slots idle at every
      // batch's start and end, which a server under load does not see.
      compare(
          s,
          1,
          new Case(
              "binding direct, " + n + " streams, one reader",
              () -> direct.roundRobin(n, roundEnd())),
          new Case(
              "llama.cpp C API bare loop, " + n + " streams", () -> bare.steady(n, roundEnd())),
          new Case(
              "binding direct, " + n + " streams, thread each",
              () -> direct.threadPerStream(n, roundEnd())),
          new Case(
              "mixserve engine in-process, " + n + " streams",
              () -> Served.concurrently(n, served::engineOne, roundEnd())),
          new Case(
              "mixserve HTTP SSE, " + n + " streams",
              () -> Served.concurrently(n, served::httpOne, roundEnd())),
          other == null
              ? null
              : new Case(
                  otherName + ", " + n + " streams",
                  () -> Served.concurrently(n, other::httpOne, roundEnd())),
          alone == null
              ? null
              : new Case(
                  "mixserve HTTP SSE, handler alone, " + n + " streams",
                  () -> Served.concurrently(n, alone::httpOne, roundEnd())));
    }
  }

  /** A measured piece of work: it returns the tokens it generated. */
  private record Case(String name, Work work) {}

  @FunctionalInterface
  private interface Work {
    int call() throws Throwable;
  }

  /**
   * Runs the cases in turn, round after round, odd rounds in reverse order; the first case is the
   * baseline, case {@code bare} the bare loop. One generation of 128 tokens takes ~0.1 s here, and
   * single generations timed in a fixed order gave ratios that moved ±0.2 between runs: each case
   * now generates for at least {@link #seconds} a round, and a case is not always the one measured
   * last.
   */
  private static void compare(Setup s, int bare, Case... given) throws Throwable {
    Case[] cases = Arrays.stream(given).filter(Objects::nonNull).toArray(Case[]::new);
    double[][] rates = new double[cases.length][s.rounds()];
    for (Case c : cases) {
      c.work().call(); // warm-up
    }
    for (int r = 0; r < s.rounds(); r++) {
      for (int k = 0; k < cases.length; k++) {
        int i = r % 2 == 0 ? k : cases.length - 1 - k;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long tokens = 0;
        do {
          tokens += cases[i].work().call();
        } while (System.nanoTime() < end);
        rates[i][r] = tokens / ((System.nanoTime() - t0) / 1e9);
      }
    }
    for (int i = 0; i < cases.length; i++) {
      System.out.printf(
          Locale.ROOT,
          "  %-46s %8.0f tok/s  %5.2fx  %5.2fx%n",
          cases[i].name(),
          median(rates[i]),
          medianRatio(rates, i, 0),
          medianRatio(rates, i, bare));
    }
  }

  // The median of per-round ratios: outside load falls on both cases of a round alike.
  private static double medianRatio(double[][] rates, int i, int against) {
    double[] ratio = new double[rates[i].length];
    for (int r = 0; r < ratio.length; r++) {
      ratio[r] = rates[i][r] / rates[against][r];
    }
    return median(ratio);
  }

  // The library the engine opened: the bare loop runs on the very same llama.cpp.
  private static Path library() {
    return Path.of(System.getProperty("de.kherud.llama.lib.path"), System.mapLibraryName("jllama"));
  }

  private static long roundEnd() {
    return System.nanoTime() + (long) (seconds * 1e9);
  }

  private static double median(double[] xs) {
    double[] sorted = xs.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  private static Path tmpdir() throws Exception {
    String given = System.getProperty("de.kherud.llama.tmpdir");
    Path p =
        given != null
            ? Path.of(given)
            : Path.of(System.getProperty("user.home"), ".cache", "mixserve", "native", "llama");
    return Files.createDirectories(p);
  }

  /** --threads 1,2: checked before anything loads, so that a typo costs no run. */
  private static List<Integer> threads(String list) {
    try {
      return Arrays.stream(list.split(",")).map(t -> Integer.parseInt(t.trim())).toList();
    } catch (NumberFormatException e) {
      System.err.println(
          "error: --threads: expected whole numbers such as 1,2, got '" + list + "'");
      System.err.print(ARGS.usage());
      System.exit(2);
      return List.of();
    }
  }
}
