package dev.mixserve.controller;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Runs each step of a tick on its own: timed, counted when it throws, logged once per error. */
final class Steps {
  private static final System.Logger LOG = System.getLogger(Controller.class.getName());

  private final ControllerMetrics metrics;
  private final Map<String, String> lastError = new HashMap<>();

  Steps(ControllerMetrics metrics) {
    this.metrics = metrics;
  }

  void run(String step, Runnable body) {
    long started = System.nanoTime();
    try {
      body.run();
      lastError.remove(step);
    } catch (RuntimeException e) {
      metrics.stepFailed(step);
      // a broken step fails every tick; say so when it starts or changes, not four times a second
      if (!Objects.equals(lastError.put(step, String.valueOf(e)), String.valueOf(e))) {
        LOG.log(Level.WARNING, "controller step " + step + " failed", e);
      }
    } finally {
      metrics.stepTook(step, System.nanoTime() - started);
    }
  }

  /** Applies the action to every item even if some throw, then rethrows the first failure. */
  static <T> void forEach(Iterable<T> items, Consumer<T> action) {
    RuntimeException first = null;
    for (T item : items) {
      try {
        action.accept(item);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
