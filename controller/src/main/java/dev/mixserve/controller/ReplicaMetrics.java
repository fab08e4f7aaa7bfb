package dev.mixserve.controller;

import dev.mixserve.core.metrics.Counter;

/** The counters one deployment's replicas bump, held so replicas skip the lookups. */
record ReplicaMetrics(
    Counter restarts, Counter healthOk, Counter healthBusy, Counter healthFailed) {
  /** {@code busy}: the check timed out while the replica answered calls, so it counts as passed. */
  void checked(boolean ok, boolean busy) {
    (ok ? healthOk : busy ? healthBusy : healthFailed).inc();
  }
}
