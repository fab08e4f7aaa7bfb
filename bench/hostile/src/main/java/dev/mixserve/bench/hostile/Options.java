package dev.mixserve.bench.hostile;

import java.util.List;
import java.util.Locale;

/**
 * Command-line options: {@code --seconds N} (each window of the steady client), {@code --only
 * CASE,...} (some of the cases), {@code --help}.
 */
record Options(int seconds, List<String> only, boolean help) {
  static final String USAGE =
      """
      usage: ./mixserve bench hostile [--seconds N] [--only CASE,...] [--help]
        --seconds N  how long the steady client is measured, unloaded before each case and beside
                     it (default 10; a case cut by the server's own timeouts lasts as long as they)
        --only ...   run only these cases, of: %s
        --help       this text"""
          .formatted(String.join(", ", HostileBench.CASES));

  Options {
    if (seconds < 1) {
      throw new IllegalArgumentException("--seconds must be >= 1");
    }
    for (String c : only) {
      if (!HostileBench.CASES.contains(c)) {
        throw new IllegalArgumentException("--only: no case named " + c);
      }
    }
  }

  static Options parse(String... args) {
    int seconds = 10;
    List<String> only = HostileBench.CASES;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return new Options(seconds, only, true);
        }
        case "--seconds" -> {
          try {
            seconds = Integer.parseInt(value(args, ++i));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seconds: not a whole number: " + args[i]);
          }
        }
        case "--only" -> only = List.of(value(args, ++i).toLowerCase(Locale.ROOT).split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(seconds, only, false);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
