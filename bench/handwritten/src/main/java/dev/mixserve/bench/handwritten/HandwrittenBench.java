package dev.mixserve.bench.handwritten;

import dev.mixserve.bench.common.BenchArgs;
import java.nio.file.Path;
import java.util.List;

/**
 * Issue #19: each hand-written piece against the library in our stack that does the same.
 *
 * <pre>
 * ./mixserve bench handwritten [multipart|sse|wav|yaml|progress ...] [--rounds N] [--seconds S]
 *     [--shared DIR]
 * </pre>
 *
 * Without a piece, all run. Every timing is the median of N rounds, each candidate running S
 * seconds a round, the order alternating between rounds; the load average is printed before and
 * after each piece (two shared cores: numbers move).
 */
public final class HandwrittenBench {
  private HandwrittenBench() {}

  static final List<String> PIECES = List.of("multipart", "sse", "wav", "yaml", "progress");

  static final BenchArgs ARGS =
      new BenchArgs(
              "handwritten",
              "Our hand-written pieces beside the library that does the same, timed alike.")
          .option("--rounds", "N", BenchArgs.Kind.INTEGER, "7", "rounds per candidate")
          .option("--seconds", "S", BenchArgs.Kind.DECIMAL, "1.0", "seconds per round")
          .option(
              "--shared",
              "DIR",
              BenchArgs.Kind.TEXT,
              System.getProperty("mixserve.shared", "../shared"),
              "the shared models folder")
          .rest("PIECE", "some of: " + String.join(", ", PIECES) + " (default all)");

  public static void main(String[] args) throws Exception {
    var a = ARGS.parseOrExit(args);
    int rounds = a.integer("--rounds");
    double seconds = a.decimal("--seconds");
    Path shared = Path.of(a.text("--shared"));
    List<String> pieces = a.rest().isEmpty() ? PIECES : a.rest();
    for (String piece : pieces) {
      if (!PIECES.contains(piece)) {
        System.err.println("error: no piece '" + piece + "'; pieces: " + String.join(", ", PIECES));
        System.err.print(ARGS.usage());
        System.exit(2);
      }
    }
    var m = new Measure(rounds, seconds, Math.max(1.0, seconds * 2));
    System.out.printf(
        "java %s, %d cores, rounds %d × %.1f s per candidate, order alternating%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), rounds, seconds);
    for (String piece : pieces) {
      System.out.println();
      System.out.println("== " + piece + "   (load before: " + Measure.load() + ")");
      switch (piece) {
        case "multipart" -> MultipartBench.run(m);
        case "sse" -> SseBench.run(m);
        case "wav" -> WavBench.run(m, shared);
        case "yaml" -> YamlBench.run(m);
        case "progress" -> ProgressBench.run(m);
        default -> throw new IllegalArgumentException("no piece " + piece);
      }
      System.out.println("   (load after: " + Measure.load() + ")");
    }
  }
}
