package dev.mixserve.engine.audio;

import dev.mixserve.api.error.ServeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files a PocketSphinx decoder needs: acoustic model folder, dictionary, and either a language
 * model or a JSGF grammar (for command-style recognition of a closed set of phrases). Found in a
 * model folder laid out like Debian's {@code /usr/share/pocketsphinx/model/en-us}, with engine
 * options {@code hmm}, {@code lm}, {@code dict}, {@code jsgf} overriding single files.
 *
 * @param grammar whether {@code lm} is a JSGF grammar rather than an n-gram model
 */
record PocketSphinxModel(Path hmm, Path lm, Path dict, boolean grammar) {
  static final Path DEBIAN = Path.of("/usr/share/pocketsphinx/model/en-us");

  PocketSphinxModel {
    require(hmm.resolve("mdef"), "acoustic model (hmm) folder with mdef");
    require(lm, grammar ? "JSGF grammar" : "language model");
    require(dict, "pronunciation dictionary");
  }

  static PocketSphinxModel resolve(String model, Map<String, Object> options) {
    Path dir = model.isBlank() || model.equals("builtin:en-us") ? DEBIAN : Path.of(model);
    if (dir.equals(DEBIAN) && !Files.isDirectory(DEBIAN)) {
      throw ServeException.unavailable(
          "PocketSphinx's model is not installed at "
              + DEBIAN
              + "; install the "
              + PocketSphinxLibrary.PACKAGES,
          3600);
    }
    Path hmm =
        path(options, "hmm", Files.isDirectory(dir.resolve("en-us")) ? dir.resolve("en-us") : dir);
    Path dict = path(options, "dict", dir.resolve("cmudict-en-us.dict"));
    if (options.containsKey("jsgf")) {
      return new PocketSphinxModel(hmm, path(options, "jsgf", null), dict, true);
    }
    return new PocketSphinxModel(
        hmm, path(options, "lm", dir.resolve("en-us.lm.bin")), dict, false);
  }

  /** Decoder arguments. */
  List<String> args() {
    return List.of(
        "-hmm", hmm.toString(), grammar ? "-jsgf" : "-lm", lm.toString(), "-dict", dict.toString());
  }

  private static Path path(Map<String, Object> options, String key, Path fallback) {
    Object v = options.get(key);
    return v == null ? fallback : Path.of(v.toString());
  }

  private static void require(Path p, String what) {
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("PocketSphinx " + what + " not found: " + p);
    }
  }
}
