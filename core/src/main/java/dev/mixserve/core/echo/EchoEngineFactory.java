package dev.mixserve.core.echo;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import dev.mixserve.api.engine.EngineOptions;
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
    EngineOptions.allowOnly(d.engine().options(), Set.of("dimensions"));
    int dims = EngineOptions.whole(d.engine().options(), "dimensions", 8, 1, 65536);
    String model = d.engine().model().isEmpty() ? "echo" : d.engine().model();
    return new EchoEngine(model, d.task(), dims);
  }
}
