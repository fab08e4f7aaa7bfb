package dev.mixserve.bench.hostile;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The collector's work between two points: the server, the attackers and the steady client share
 * one heap, so a pause stops the steady client too and shows in its p99.
 */
record Gc(long collections, long millis) {
  static Gc now() {
    long n = 0;
    long ms = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, b.getCollectionCount());
      ms += Math.max(0, b.getCollectionTime());
    }
    return new Gc(n, ms);
  }

  String since(Gc before) {
    return "GC "
        + (millis - before.millis)
        + " ms in "
        + (collections - before.collections)
        + " collections";
  }
}
