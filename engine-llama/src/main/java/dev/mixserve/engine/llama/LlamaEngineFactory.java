package dev.mixserve.engine.llama;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import java.nio.file.Path;
import java.util.Set;

/**
 * engine.kind {@code llama-cpp}: engine.model is a GGUF path or {@code hf://OWNER/REPO/FILE.gguf};
 * options in {@link LlamaOptions}.
 */
public final class LlamaEngineFactory implements EngineFactory {
  @Override
  public String kind() {
    return "llama-cpp";
  }

  @Override
  public Set<Task> tasks() {
    return Set.of(Task.CHAT);
  }

  @Override
  public Engine create(Deployment d, EngineContext context) {
    String model = d.engine().model();
    if (model.isBlank()) {
      throw new IllegalArgumentException(
          "engine.model: give a GGUF file path or hf://OWNER/REPO/FILE.gguf");
    }
    LlamaOptions options = LlamaOptions.parse(d.engine().options());
    Path file = context.fetcher().fetch(model);
    NativeLibrary.prepare(context.cacheDir());
    String id = file.getFileName().toString().replaceFirst("\\.gguf$", "");
    return new LlamaChatEngine(d.name(), id, file, options);
  }
}
