package dev.mixserve.bench.scheduler;

import dev.mixserve.bench.common.BenchArgs;

/**
 * Prints how fast the scheduler places 10,000 replicas on 1,000 GPUs (goal: under 100 ms) and, on
 * small random cases, how often it places as many replicas as exhaustive search (goal: 99%). Run:
 * {@code mvn -q -pl bench/scheduler exec:java}, arguments: [cases] [seed].
 */
public final class SchedulerBench {
  private SchedulerBench() {}

  static final BenchArgs ARGS =
      new BenchArgs(
              "scheduler",
              "Placement speed (10,000 replicas on 1,000 GPUs) and quality against exhaustive"
                  + " search.")
          .positional("CASES", BenchArgs.Kind.INTEGER, "5000", "small cases for the quality part")
          .positional("SEED", BenchArgs.Kind.INTEGER, "42", "seed of the random cases");

  public static void main(String[] args) {
    var a = ARGS.parseOrExit(args);
    int cases = a.integer("CASES");
    long seed = a.integer("SEED");
    System.out.println(
        "java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
    SpeedBench.run(seed);
    QualityBench.run(cases, seed);
  }
}
