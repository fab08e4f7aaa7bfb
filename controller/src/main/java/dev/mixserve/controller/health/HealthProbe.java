package dev.mixserve.controller.health;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import java.net.URI;
import java.time.Duration;

/** Checks one replica by asking it for a tiny real answer of its task. */
public interface HealthProbe {
  /**
   * Returns within about {@code timeout} and never throws.
   *
   * @param endpoint the replica's base URL
   * @param model the model name to send (the deployment's name)
   */
  Result check(URI endpoint, String model, Task task, Duration timeout);

  /**
   * As {@link #check(URI, String, Task, Duration)} for a replica of {@code d}, whose engine kind
   * may name a server that takes its task in a shape of its own.
   */
  default Result check(URI endpoint, Deployment d, Duration timeout) {
    return check(endpoint, d.name(), d.task(), timeout);
  }

  /**
   * Whether the replica answered well, and if not, why. {@code timedOut} sets apart a replica that
   * took the request and did not answer in time, which may be busy, from one that refused or
   * answered badly, which is broken.
   */
  record Result(boolean ok, boolean timedOut, String reason) {
    private static final Result OK = new Result(true, false, "");

    public Result {
      if (reason == null) {
        throw new IllegalArgumentException("a health check result needs a reason, even empty");
      }
      if (ok && timedOut) {
        throw new IllegalArgumentException("a health check that timed out did not pass");
      }
    }

    public static Result passed() {
      return OK;
    }

    public static Result failed(String reason) {
      return new Result(false, false, reason);
    }

    /** No answer within the timeout, though the replica took the request. */
    public static Result timedOut(String reason) {
      return new Result(false, true, reason);
    }
  }
}
