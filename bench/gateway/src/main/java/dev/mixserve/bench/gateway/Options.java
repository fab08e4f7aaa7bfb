package dev.mixserve.bench.gateway;

/** Command-line options: {@code --seconds N --rounds N --connections N --warmup N}. */
record Options(int seconds, int rounds, int connections, int warmup) {
  Options {
    if (seconds < 1 || rounds < 1 || connections < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "--seconds, --rounds and --connections must be >= 1, --warmup >= 0");
    }
  }

  static Options parse(String... args) {
    int seconds = 10;
    int rounds = 3;
    int connections = 64;
    int warmup = 30;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      int v = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--seconds" -> seconds = v;
        case "--rounds" -> rounds = v;
        case "--connections" -> connections = v;
        case "--warmup" -> warmup = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return new Options(seconds, rounds, connections, warmup);
  }
}
