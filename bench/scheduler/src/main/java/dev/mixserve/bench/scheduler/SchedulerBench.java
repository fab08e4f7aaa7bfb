package dev.mixserve.bench.scheduler;

/**
 * Prints how fast the scheduler places 10,000 replicas on 1,000 GPUs (goal: under 100 ms) and, on
 * small random cases, how often it places as many replicas as exhaustive search (goal: 99%). Run:
 * {@code mvn -q -pl bench/scheduler exec:java}, arguments: [cases] [seed].
 */
public final class SchedulerBench {
  private SchedulerBench() {}

  public static void main(String[] args) {
    int cases = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
    System.out.println(
        "java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
    SpeedBench.run(seed);
    QualityBench.run(cases, seed);
  }
}
