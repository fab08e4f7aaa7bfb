package dev.mixserve.engine.llama;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.Task;
import dev.mixserve.api.TestModels;
import dev.mixserve.api.engine.EngineContext;
import java.nio.file.Path;
import java.util.Map;

/** The stories260K test model from ../shared/models and what it is known to say. */
final class Stories {
  static final String PROMPT = "Once upon a time";
  static final String GREEDY_32 =
      ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw";

  private Stories() {}

  static Path file() {
    return TestModels.path("llm/stories260K.gguf");
  }

  static Deployment deployment(Map<String, Object> options) {
    return new Deployment(
        "llm",
        "/llm",
        Task.CHAT,
        new EngineSpec("llama-cpp", file().toString(), options),
        null,
        null,
        1,
        null,
        null,
        null,
        null);
  }

  static LlamaChatEngine engine(Map<String, Object> options) {
    var ctx = new EngineContext(Path.of("target", "cache"), Map.of());
    return (LlamaChatEngine) new LlamaEngineFactory().create(deployment(options), ctx);
  }
}
