package dev.mixserve.controller;

import dev.mixserve.core.metrics.Counter;

/** The counters one deployment's replicas bump, held so replicas skip the lookups. */
record ReplicaMetrics(Counter restarts, Counter healthOk, Counter healthFailed) {
  void checked(boolean ok) {
    (ok ? healthOk : healthFailed).inc();
  }
}
