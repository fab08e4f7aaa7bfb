package dev.mixserve.bench.handwritten;

import java.nio.file.Path;
import java.util.ArrayList;
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

  public static void main(String[] args) throws Exception {
    int rounds = 7;
    double seconds = 1.0;
    Path shared = Path.of(System.getProperty("mixserve.shared", "../shared"));
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--shared" -> shared = Path.of(args[++i]);
        default -> pieces.add(args[i]);
      }
    }
    if (pieces.isEmpty()) {
      pieces = List.of("multipart", "sse", "wav", "yaml", "progress");
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
