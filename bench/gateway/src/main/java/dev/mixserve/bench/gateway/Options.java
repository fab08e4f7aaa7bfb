package dev.mixserve.bench.gateway;

import dev.mixserve.bench.common.BenchArgs;

/** Command-line options: {@code --seconds N --rounds N --connections N --warmup N --tls on}. */
record Options(int seconds, int rounds, int connections, int warmup, boolean tls) {
  static final BenchArgs ARGS =
      new BenchArgs(
              "gateway",
              "wrk through mixserve to an nginx upstream, against the upstream direct and nginx"
                  + " proxying (needs wrk and nginx).")
          .option("--seconds", "N", BenchArgs.Kind.INTEGER, "10", "seconds per measurement")
          .option("--rounds", "N", BenchArgs.Kind.INTEGER, "3", "rounds")
          .option("--connections", "N", BenchArgs.Kind.INTEGER, "64", "wrk connections")
          .option("--warmup", "N", BenchArgs.Kind.INTEGER, "30", "seconds of JIT warm-up first")
          .option(
              "--tls",
              "on|off",
              BenchArgs.Kind.TEXT,
              "off",
              "mixserve and nginx both terminate TLS (a self-signed RSA-2048 pair; needs openssl)");

  Options {
    if (seconds < 1 || rounds < 1 || connections < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "--seconds, --rounds and --connections must be >= 1, --warmup >= 0");
    }
  }

  static Options of(BenchArgs.Values a) {
    String tls = a.text("--tls");
    if (!tls.equals("on") && !tls.equals("off")) {
      throw new IllegalArgumentException("--tls is on or off, got '" + tls + "'");
    }
    return new Options(
        a.integer("--seconds"),
        a.integer("--rounds"),
        a.integer("--connections"),
        a.integer("--warmup"),
        tls.equals("on"));
  }
}
