package dev.mixserve.api.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the host gives an engine when it creates it.
 *
 * @param cacheDir where downloaded models and unpacked files may be kept
 * @param environment device visibility and similar settings for this replica
 */
public record EngineContext(Path cacheDir, Map<String, String> environment) {
  public EngineContext {
    environment = Map.copyOf(environment == null ? Map.of() : environment);
  }
}
