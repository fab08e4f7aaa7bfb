package dev.mixserve.controller;

/**
 * Where one replica is in its life. PENDING → STARTING → RUNNING → DRAINING → STOPPED; a replica
 * that exits, fails its start or its health checks goes to FAILED and, after a backoff, to STARTING
 * again.
 */
public enum ReplicaState {
  /** Wanted, not started yet. */
  PENDING,
  /** Launched, waiting for its readiness probe. */
  STARTING,
  /** Ready and in the route table. */
  RUNNING,
  /** Out of the route table, finishing what it was given. */
  DRAINING,
  /** Gone for good. */
  STOPPED,
  /** Died or unhealthy; waits for its backoff before the next start. */
  FAILED
}
