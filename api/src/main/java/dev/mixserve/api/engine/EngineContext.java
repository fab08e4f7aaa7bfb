package dev.mixserve.api.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the host gives an engine when it creates it.
 *
 * @param cacheDir where downloaded models and unpacked files may be kept
 * @param environment device visibility and similar settings for this replica
 * @param fetcher turns model references (paths, hf:// URIs) into local files
 */
public record EngineContext(Path cacheDir, Map<String, String> environment, ModelFetcher fetcher) {
  public EngineContext {
    environment = Map.copyOf(environment == null ? Map.of() : environment);
    fetcher = fetcher == null ? ModelFetcher.LOCAL_ONLY : fetcher;
  }

  /** A context whose fetcher reads local paths only. */
  public EngineContext(Path cacheDir, Map<String, String> environment) {
    this(cacheDir, environment, null);
  }
}
