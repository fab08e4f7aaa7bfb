package dev.mixserve.scheduler;

import dev.mixserve.api.Deployment;
import java.util.Comparator;
import java.util.List;

/**
 * One replica waiting for a place.
 *
 * @param dep index of its deployment in the config
 * @param replica its ordinal
 * @param deployment the deployment
 * @param candidates slots (GPU replicas) or nodes (CPU-only) that meet its constraints
 */
record Request(int dep, int replica, Deployment deployment, int[] candidates) {
  int milli() {
    return deployment.resources().milliGpu();
  }

  long memory() {
    return deployment.resources().memoryBytes();
  }

  private static final Comparator<Request> TIES =
      Comparator.<Request>comparingInt(r -> r.candidates().length)
          .thenComparing(Comparator.comparingLong(Request::memory).reversed())
          .thenComparingInt(Request::dep)
          .thenComparingInt(Request::replica);

  /**
   * Orders tried by the scheduler; it keeps the first plan that places most. Config order first, so
   * that when nothing is gained earlier deployments win. Largest first packs all when all fit;
   * smallest first places the most replicas when they do not. Among equals, the most constrained
   * goes first, then config order, so the result is deterministic.
   */
  static final List<Comparator<Request>> ORDERS =
      List.of(
          Comparator.comparingInt(Request::dep).thenComparingInt(Request::replica),
          Comparator.comparingInt(Request::milli).reversed().thenComparing(Request.TIES),
          Comparator.comparingInt(Request::milli).thenComparing(Request.TIES));

  /**
   * Further orders for small problems, where the greedy orders miss a fit that another order finds:
   * fixed pseudo-random shuffles, so plans stay deterministic.
   */
  static final List<Comparator<Request>> SHUFFLES =
      java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(Request::shuffled).toList();

  private static Comparator<Request> shuffled(int k) {
    return Comparator.<Request>comparingLong(r -> mix(r.dep() * 1_000_003L + r.replica(), k))
        .thenComparing(TIES);
  }

  private static long mix(long x, long k) {
    long z = x * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
