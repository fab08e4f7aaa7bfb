package dev.mixserve.api.engine;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import java.util.Set;

/** Creates engines of one kind; found with {@link java.util.ServiceLoader}. */
public interface EngineFactory {
  /** The name used as engine.kind in configs. */
  String kind();

  Set<Task> tasks();

  /**
   * Loads the model. Throws {@link IllegalArgumentException} for bad options (the config layer
   * reports it with the document path) and {@link dev.mixserve.api.error.ServeException} when the
   * model cannot be had.
   */
  Engine create(Deployment deployment, EngineContext context);
}
