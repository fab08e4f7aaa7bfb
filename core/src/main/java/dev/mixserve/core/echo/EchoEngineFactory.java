package dev.mixserve.core.echo;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import java.util.Set;

/** engine.kind "echo"; option {@code dimensions} (default 8). */
public final class EchoEngineFactory implements EngineFactory {
  @Override
  public String kind() {
    return "echo";
  }

  @Override
  public Set<Task> tasks() {
    return Set.of(Task.EMBEDDING, Task.RERANK, Task.CHAT);
  }

  @Override
  public Engine create(Deployment d, EngineContext context) {
    Object dims = d.engine().options().getOrDefault("dimensions", 8L);
    if (!(dims instanceof Number n) || n.intValue() < 1 || n.intValue() > 65536) {
      throw new IllegalArgumentException(
          "engine.options.dimensions: expected a whole number in 1..65536, got " + dims);
    }
    String model = d.engine().model().isEmpty() ? "echo" : d.engine().model();
    return new EchoEngine(model, d.task(), n.intValue());
  }
}
