package dev.mixserve.bench.gateway;

import dev.mixserve.bench.common.BenchArgs;

/** Command-line options: {@code --seconds N --rounds N --connections N --warmup N}. */
record Options(int seconds, int rounds, int connections, int warmup) {
  static final BenchArgs ARGS =
      new BenchArgs(
              "gateway",
              "wrk through mixserve to an nginx upstream, against the upstream direct and nginx"
                  + " proxying (needs wrk and nginx).")
          .option("--seconds", "N", BenchArgs.Kind.INTEGER, "10", "seconds per measurement")
          .option("--rounds", "N", BenchArgs.Kind.INTEGER, "3", "rounds")
          .option("--connections", "N", BenchArgs.Kind.INTEGER, "64", "wrk connections")
          .option("--warmup", "N", BenchArgs.Kind.INTEGER, "30", "seconds of JIT warm-up first");

  Options {
    if (seconds < 1 || rounds < 1 || connections < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "--seconds, --rounds and --connections must be >= 1, --warmup >= 0");
    }
  }

  static Options of(BenchArgs.Values a) {
    return new Options(
        a.integer("--seconds"),
        a.integer("--rounds"),
        a.integer("--connections"),
        a.integer("--warmup"));
  }
}
