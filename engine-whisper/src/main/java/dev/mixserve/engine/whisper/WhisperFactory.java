package dev.mixserve.engine.whisper;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import dev.mixserve.api.engine.EngineOptions;
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
    EngineOptions.allowOnly(d.engine().options(), Set.of("threads"));
    int threads =
        EngineOptions.whole(
            d.engine().options(),
            "threads",
            Math.min(4, Runtime.getRuntime().availableProcessors()),
            1,
            64);
    Path model = WhisperModelFile.resolve(d.engine().model(), context.fetcher());
    // Whisper reads 30 s at a time; the VAD cuts longer audio at silences.
    return new WhisperEngine(model, threads, new LazyVad(context.fetcher()));
  }
}
