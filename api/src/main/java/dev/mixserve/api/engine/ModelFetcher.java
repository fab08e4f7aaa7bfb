package dev.mixserve.api.engine;

import dev.mixserve.api.error.ServeException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a model reference into a local file: a path as is, an {@code hf://OWNER/REPO/FILE} URI by
 * downloading it once into a cache. The host supplies one in the {@link EngineContext}.
 */
@FunctionalInterface
public interface ModelFetcher {
  /**
   * The local file for {@code model}. Throws {@link IllegalArgumentException} for a path that does
   * not exist and {@link ServeException} (unavailable) when a download cannot be had.
   */
  Path fetch(String model);

  /** Local paths only; for hosts that give no downloader. */
  ModelFetcher LOCAL_ONLY =
      model -> {
        if (model.startsWith("hf://")) {
          throw ServeException.unavailable(
              "cannot download " + model + ": no downloader configured; give a local path", 60);
        }
        Path p = Path.of(model);
        if (!Files.isRegularFile(p)) {
          throw new IllegalArgumentException("model file not found: " + p.toAbsolutePath());
        }
        return p;
      };
}
