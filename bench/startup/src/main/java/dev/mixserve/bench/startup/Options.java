package dev.mixserve.bench.startup;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Command-line options.
 *
 * @param rounds measured starts per build, after one warm-up start that is not counted
 * @param build the checkout to measure (its {@code cli/target} and launcher script)
 * @param baseline another checkout, measured in the same rounds, for ratios
 */
record Options(int rounds, Path build, Optional<Path> baseline) {
  static final String USAGE =
      """
      usage: ./mixserve bench startup [--rounds 5] [--build DIR] [--baseline-jar DIR]

      Starts `serve` on the embedded default config without /llm (embeddings, reranker, tts,
      whisper) as a child process, with the JVM flags of the checkout's launcher, and measures:
        listening   time from the process start to the "listening on" line
        ready       time until /-/healthz says every deployment is ready
        RSS         VmRSS once ready, VmRSS and VmHWM (peak) after the README's Quickstart requests
                    (embeddings, rerank twice, speech as MP3, transcription of that MP3)
      One warm-up start per build comes first and is not counted (it makes the AppCDS archive and
      unpacks cached files, as a user's first start does). Prints each round and the medians.

        --rounds N          measured starts per build (default 5)
        --build DIR         checkout to measure, built with `mvn -pl cli -am package` (default: this one)
        --baseline-jar DIR  another built checkout, started in the same rounds, alternating; the
                            report adds the ratios build/baseline
        -h, --help          this text
      """;

  Options {
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
    }
  }

  /** Null for --help. */
  static Options parse(Path defaultBuild, String... args) {
    int rounds = 5;
    Path build = defaultBuild;
    Path baseline = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        return null;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--rounds" -> rounds = whole(a, v);
        case "--build" -> build = Path.of(v);
        case "--baseline-jar", "--baseline" -> baseline = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return new Options(rounds, build, Optional.ofNullable(baseline));
  }

  private static int whole(String name, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " expects a whole number, got '" + v + "'");
    }
  }
}
