package dev.mixserve.bench.llm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Chat tokens/s: 1 stream and the aggregate of N concurrent streams, through HTTP (SSE) against the
 * binding called directly in-process, with the ratios. A benchmark, not a test.
 *
 * <pre>
 * ./mixserve bench llm [--model FILE.gguf] [--threads 1,2] [--parallel 4] [--tokens 128] [--rounds 5]
 * </pre>
 */
public final class LlmBench {
  private LlmBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = options(args);
    Path model =
        Path.of(a.getOrDefault("model", "../shared/models/llm/stories260K.gguf")).toAbsolutePath();
    if (!Files.isRegularFile(model)) {
      System.err.println("no model at " + model + "; give --model FILE.gguf");
      System.exit(2);
    }
    System.setProperty("de.kherud.llama.tmpdir", tmpdir().toString());
    int parallel = Integer.parseInt(a.getOrDefault("parallel", "4"));
    int tokens = Integer.parseInt(a.getOrDefault("tokens", "128"));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "5"));
    System.out.printf(
        "model %s, greedy, %d tokens, %d streams, median of %d rounds, %d cores%n",
        model.getFileName(), tokens, parallel, rounds, Runtime.getRuntime().availableProcessors());
    for (String t : a.getOrDefault("threads", "1,2").split(",")) {
      run(new Setup(model, Integer.parseInt(t.trim()), parallel, tokens, rounds));
    }
    // The binding leaves a non-daemon native thread behind after close (java-llama.cpp#116).
    System.exit(0);
  }

  private static void run(Setup s) throws Exception {
    double d1, dT, dR;
    try (var direct = new Direct(s)) {
      d1 = rate(s, direct::one);
      dT = rate(s, () -> direct.threadPerStream(s.parallel()));
      dR = rate(s, () -> direct.roundRobin(s.parallel()));
    }
    double e1, eN, h1, hN;
    try (var served = new Served(s)) {
      e1 = rate(s, served::engineOne);
      eN = rate(s, () -> Served.concurrently(s.parallel(), served::engineOne));
      h1 = rate(s, served::httpOne);
      hN = rate(s, () -> Served.concurrently(s.parallel(), served::httpOne));
    }
    int n = s.parallel();
    double bestDirect = Math.max(dT, dR);
    System.out.printf("%nthreads=%d (generation and batch)%n", s.threads());
    line("binding direct, 1 stream", d1, "");
    line("binding direct, " + n + " streams, thread each", dT, "");
    line("binding direct, " + n + " streams, one reader", dR, "");
    line("mixserve engine in-process, 1 stream", e1, ratio(e1, d1));
    line("mixserve engine in-process, " + n + " streams", eN, ratio(eN, bestDirect));
    line("mixserve HTTP SSE, 1 stream", h1, ratio(h1, d1));
    line("mixserve HTTP SSE, " + n + " streams", hN, ratio(hN, bestDirect));
  }

  private static String ratio(double x, double base) {
    return String.format(Locale.ROOT, "%.2fx direct", x / base);
  }

  private static void line(String what, double rate, String ratio) {
    System.out.printf(Locale.ROOT, "  %-46s %8.0f tok/s  %s%n", what, rate, ratio);
  }

  /** Tokens per second of {@code work}: the median over the rounds, after one warm-up. */
  private static double rate(Setup s, Callable<Integer> work) throws Exception {
    work.call();
    var rates = new ArrayList<Double>();
    for (int i = 0; i < s.rounds(); i++) {
      long t0 = System.nanoTime();
      int tokens = work.call();
      rates.add(tokens / ((System.nanoTime() - t0) / 1e9));
    }
    double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static Path tmpdir() throws Exception {
    String given = System.getProperty("de.kherud.llama.tmpdir");
    Path p =
        given != null
            ? Path.of(given)
            : Path.of(System.getProperty("user.home"), ".cache", "mixserve", "native", "llama");
    return Files.createDirectories(p);
  }

  private static Map<String, String> options(String[] args) {
    var out = new LinkedHashMap<String, String>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + Arrays.toString(args));
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }
}
