package dev.mixserve.controller;

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

  /** Whether the replica answered well, and if not, why. */
  record Result(boolean ok, String reason) {
    private static final Result OK = new Result(true, "");

    public static Result passed() {
      return OK;
    }

    public static Result failed(String reason) {
      return new Result(false, reason);
    }
  }
}
