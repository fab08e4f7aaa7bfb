package dev.mixserve.core;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import dev.mixserve.api.error.ServeException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The engine kinds on the class path, found with {@link ServiceLoader}. */
public final class EngineRegistry {
  private final Map<String, EngineFactory> factories;

  public EngineRegistry(Map<String, EngineFactory> factories) {
    this.factories = Map.copyOf(factories);
  }

  public static EngineRegistry discover() {
    var found = new TreeMap<String, EngineFactory>();
    for (EngineFactory f : ServiceLoader.load(EngineFactory.class)) {
      found.putIfAbsent(f.kind(), f);
    }
    return new EngineRegistry(found);
  }

  public Map<String, EngineFactory> factories() {
    return factories;
  }

  /** Creates the engine of a deployment, or says which kinds exist and what they serve. */
  public Engine create(Deployment d, EngineContext context) {
    EngineFactory f = factories.get(d.engine().kind());
    if (f == null) {
      throw new IllegalArgumentException(
          "deployment '"
              + d.name()
              + "': unknown engine kind '"
              + d.engine().kind()
              + "'; known kinds: "
              + new TreeMap<>(factories).keySet());
    }
    if (!f.tasks().contains(d.task())) {
      throw new IllegalArgumentException(
          "deployment '"
              + d.name()
              + "': engine '"
              + f.kind()
              + "' does not do task '"
              + d.task().id()
              + "'; it does "
              + f.tasks());
    }
    try {
      return f.create(d, context);
    } catch (ServeException | IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ServeException.engineFailure(
          "deployment '" + d.name() + "': engine failed to load: " + e.getMessage(), e);
    }
  }
}
