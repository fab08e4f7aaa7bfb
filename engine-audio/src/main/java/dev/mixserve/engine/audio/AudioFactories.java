package dev.mixserve.engine.audio;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import java.util.Map;
import java.util.Set;

/** The CPU speech engine kinds. */
public final class AudioFactories {
  private AudioFactories() {}

  static void allowOnly(Deployment d, Set<String> known) {
    for (String key : d.engine().options().keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "engine.options." + key + ": unknown option; expected one of " + known);
      }
    }
  }

  /** engine.kind pocketsphinx; model: a model folder, default Debian's en-us. */
  public static final class PocketSphinx implements EngineFactory {
    @Override
    public String kind() {
      return "pocketsphinx";
    }

    @Override
    public Set<Task> tasks() {
      return Set.of(Task.TRANSCRIPTION);
    }

    @Override
    public Engine create(Deployment d, EngineContext context) {
      allowOnly(d, Set.of("hmm", "lm", "dict", "jsgf"));
      Map<String, Object> o = d.engine().options();
      String model = d.engine().model();
      return new PocketSphinxEngine(
          model.isBlank() ? "pocketsphinx-en-us" : model, PocketSphinxModel.resolve(model, o));
    }
  }

  /** engine.kind freetts; no model (kevin16 is built in). */
  public static final class FreeTts implements EngineFactory {
    @Override
    public String kind() {
      return "freetts";
    }

    @Override
    public Set<Task> tasks() {
      return Set.of(Task.SPEECH);
    }

    @Override
    public Engine create(Deployment d, EngineContext context) {
      allowOnly(d, Set.of());
      return new FreeTtsEngine();
    }
  }

  /** engine.kind espeak-ng; option binary (default espeak-ng on the PATH). */
  public static final class Espeak implements EngineFactory {
    @Override
    public String kind() {
      return "espeak-ng";
    }

    @Override
    public Set<Task> tasks() {
      return Set.of(Task.SPEECH);
    }

    @Override
    public Engine create(Deployment d, EngineContext context) {
      allowOnly(d, Set.of("binary"));
      return new EspeakEngine(d.engine().options().getOrDefault("binary", "espeak-ng").toString());
    }
  }
}
