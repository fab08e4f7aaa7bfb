package dev.mixserve.controller;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Power of two choices: comparing two random members spreads load almost as well as scanning all of
 * them, and keeps concurrent pickers from all piling onto the same least-loaded one.
 */
final class PowerOfTwo {
  private PowerOfTwo() {}

  static Member choose(List<Member> members, RandomGenerator random) {
    int n = members.size();
    if (n == 1) {
      return members.getFirst();
    }
    int i = random.nextInt(n);
    int j = random.nextInt(n - 1);
    Member best = better(members.get(i), members.get(j >= i ? j + 1 : j));
    return best.full() ? leastLoaded(members, best) : best;
  }

  private static Member better(Member a, Member b) {
    if (a.full() != b.full()) {
      return a.full() ? b : a;
    }
    return b.inFlight() < a.inFlight() ? b : a;
  }

  /** Both choices were full: look for any member with room before queueing on a full one. */
  private static Member leastLoaded(List<Member> members, Member fallback) {
    Member best = fallback;
    for (Member m : members) {
      if (!m.full() && (best.full() || m.inFlight() < best.inFlight())) {
        best = m;
      }
    }
    return best;
  }
}
