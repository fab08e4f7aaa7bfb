package dev.mixserve.engine.whisper;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import dev.mixserve.audio.LazyVad;
import java.nio.file.Path;
import java.util.Set;

/** engine.kind whisper-cpp; model: a GGML file path or hf:// URI; option threads. */
public final class WhisperFactory implements EngineFactory {
  @Override
  public String kind() {
    return "whisper-cpp";
  }

  @Override
  public Set<Task> tasks() {
    return Set.of(Task.TRANSCRIPTION);
  }

  @Override
  public Engine create(Deployment d, EngineContext context) {
    for (String key : d.engine().options().keySet()) {
      if (!key.equals("threads")) {
        throw new IllegalArgumentException(
            "engine.options." + key + ": unknown option; expected one of [threads]");
      }
    }
    Object t =
        d.engine()
            .options()
            .getOrDefault(
                "threads", (long) Math.min(4, Runtime.getRuntime().availableProcessors()));
    if (!(t instanceof Number n) || n.intValue() < 1 || n.intValue() > 64) {
      throw new IllegalArgumentException("engine.options.threads: expected 1..64, got " + t);
    }
    Path model = WhisperModelFile.resolve(d.engine().model(), context.fetcher());
    // Whisper reads 30 s at a time; the VAD cuts longer audio at silences.
    return new WhisperEngine(model, n.intValue(), new LazyVad(context.fetcher()));
  }
}
