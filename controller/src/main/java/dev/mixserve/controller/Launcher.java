package dev.mixserve.controller;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Every side effect on a replica goes through here (start, probe, stop), so that the control loop
 * runs unchanged against a fake in unit tests.
 */
public interface Launcher {
  /**
   * Starts one replica and returns at once, before it is ready. Throws LaunchException when it
   * cannot even be started (no such command, no free port); that counts as a failed start.
   */
  Started start(ReplicaSpec spec) throws LaunchException;

  /** A started replica. */
  interface Started {
    /** Base URL that requests and health checks go to, e.g. http://127.0.0.1:41234. */
    URI endpoint();

    /** One readiness probe, bounded by its own short timeout; never throws. */
    boolean ready();

    /**
     * Completes when the replica is gone, whether it exited by itself or was stopped; the value
     * says why (exit code, last log lines).
     */
    CompletableFuture<String> exited();

    /** Asks it to stop, waits at most {@code grace}, then kills it. Blocks until it is gone. */
    void stop(Duration grace);
  }

  /** A replica that could not be started at all. */
  final class LaunchException extends Exception {
    public LaunchException(String message) {
      super(message);
    }

    public LaunchException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
