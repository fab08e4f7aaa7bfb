package dev.mixserve.cli;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.EngineSpec;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Task;
import dev.mixserve.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --whisper} and {@code --tts}: set the /whisper and /tts deployments without a config file,
 * replacing the engine of ones of the same name and keeping their names and limits.
 */
final class AudioOverrides {
  private AudioOverrides() {}

  static MixserveConfig apply(MixserveConfig cfg, String whisper, String tts) {
    var out = cfg;
    if (whisper != null) {
      out = put(out, "whisper", Task.TRANSCRIPTION, whisperEngine(whisper));
    }
    if (tts != null) {
      out = put(out, "tts", Task.SPEECH, ttsEngine(tts));
    }
    return out;
  }

  /**
   * The built-in config minus deployments whose engine cannot run here: PocketSphinx needs Debian
   * packages; FreeTTS is pure Java and always stays. Says on stderr what it left out.
   */
  static MixserveConfig runnableDefaults(MixserveConfig cfg, boolean pocketSphinxInstalled) {
    if (pocketSphinxInstalled) {
      return cfg;
    }
    var kept = new ArrayList<Deployment>();
    for (Deployment d : cfg.deployments()) {
      if (d.engine().kind().equals("pocketsphinx")) {
        System.err.println(
            "note: "
                + d.route()
                + " is off: PocketSphinx is not installed (apt-get install pocketsphinx"
                + " pocketsphinx-en-us), or use --whisper MODEL.bin");
      } else {
        kept.add(d);
      }
    }
    return cfg.withDeployments(kept);
  }

  /**
   * pocketsphinx[:MODEL_DIR], an http(s) URL of an OpenAI-compatible server, or a GGML Whisper
   * model (path or hf:// URI) for whisper.cpp.
   */
  static EngineSpec whisperEngine(String value) {
    if (value.equals("pocketsphinx") || value.startsWith("pocketsphinx:")) {
      return new EngineSpec(
          "pocketsphinx",
          value.substring("pocketsphinx".length()).replaceFirst("^:", ""),
          Map.of());
    }
    if (value.startsWith("http://") || value.startsWith("https://")) {
      return new EngineSpec("upstream", value, Map.of());
    }
    return new EngineSpec("whisper-cpp", value, Map.of());
  }

  /** ENGINE[:VOICE] with ENGINE freetts or espeak-ng, or an http(s) URL. */
  static EngineSpec ttsEngine(String value) {
    if (value.startsWith("http://") || value.startsWith("https://")) {
      return new EngineSpec("upstream", value, Map.of());
    }
    int colon = value.indexOf(':');
    String kind = colon < 0 ? value : value.substring(0, colon);
    if (!kind.equals("freetts") && !kind.equals("espeak-ng")) {
      throw new IllegalArgumentException(
          "--tts: expected freetts[:VOICE], espeak-ng[:VOICE] or an http(s) URL, got '"
              + value
              + "'");
    }
    return new EngineSpec(
        kind, "", colon < 0 ? Map.of() : Map.of("voice", value.substring(colon + 1)));
  }

  private static MixserveConfig put(MixserveConfig cfg, String name, Task task, EngineSpec engine) {
    var list = new ArrayList<Deployment>();
    // Not in the config (dropped because PocketSphinx is missing, or never there): the built-in
    // one's names and limits still hold; the override changes the engine, nothing else.
    Deployment old =
        cfg.deployment(name).or(() -> ConfigLoader.defaults().deployment(name)).orElse(null);
    for (Deployment d : cfg.deployments()) {
      if (!d.name().equals(name)) {
        list.add(d);
      }
    }
    list.add(
        new Deployment(
            name,
            old == null ? "/" + name : old.route(),
            task,
            engine,
            old == null ? null : old.resources(),
            old == null ? null : old.placement(),
            1,
            old == null ? null : old.limits(),
            null,
            old == null ? List.of() : old.aliases(),
            old == null ? List.of() : old.modelNames()));
    return cfg.withDeployments(list);
  }
}
