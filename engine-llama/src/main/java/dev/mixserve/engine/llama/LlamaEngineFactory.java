package dev.mixserve.engine.llama;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import dev.mixserve.api.error.ServeException;
import java.nio.file.Path;
import java.util.Set;

/**
 * engine.kind {@code llama-cpp}: engine.model is a GGUF path or {@code hf://OWNER/REPO/FILE.gguf};
 * options in {@link LlamaOptions}.
 */
public final class LlamaEngineFactory implements EngineFactory {
  static final String HOW_TO_GIVE_A_MODEL =
      "To serve chat, give a GGUF model: mixserve serve --llm PATH.gguf (or --llm"
          + " hf://OWNER/REPO/FILE.gguf), or set engine.model of the chat deployment in a config"
          + " file.";

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
    Path file = fetch(context, model);
    NativeLibrary.prepare(context.cacheDir());
    String id = file.getFileName().toString().replaceFirst("\\.gguf$", "");
    return new LlamaChatEngine(d.name(), id, file, options);
  }

  // The default config names a model by hf:// URI; offline, the 503 must say what to do instead.
  private static Path fetch(EngineContext context, String model) {
    try {
      return context.fetcher().fetch(model);
    } catch (ServeException e) {
      throw ServeException.unavailable(e.getMessage() + " " + HOW_TO_GIVE_A_MODEL, 60);
    }
  }
}
