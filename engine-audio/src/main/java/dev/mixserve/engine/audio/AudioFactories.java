package dev.mixserve.engine.audio;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import dev.mixserve.api.engine.EngineOptions;
import java.util.Map;
import java.util.Set;

/** The CPU speech engine kinds. */
public final class AudioFactories {
  private AudioFactories() {}

  static void allowOnly(Deployment d, Set<String> known) {
    EngineOptions.allowOnly(d.engine().options(), known);
  }

  /** engine.options.voice, the voice used when a request names none. */
  static String voice(Deployment d) {
    Object v = d.engine().options().get("voice");
    return v == null ? null : v.toString();
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
          model.isBlank() ? "pocketsphinx-en-us" : model,
          PocketSphinxModel.resolve(model, o),
          context.fetcher());
    }
  }

  /** engine.kind freetts; no model (kevin16 is built in); option voice. */
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
      allowOnly(d, Set.of("voice"));
      return new FreeTtsEngine(voice(d));
    }
  }

  /** engine.kind espeak-ng; options binary (default espeak-ng on the PATH) and voice. */
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
      allowOnly(d, Set.of("binary", "voice"));
      return new EspeakEngine(
          d.engine().options().getOrDefault("binary", "espeak-ng").toString(), voice(d));
    }
  }
}
