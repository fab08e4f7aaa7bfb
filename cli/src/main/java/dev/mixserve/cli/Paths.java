package dev.mixserve.cli;

import java.nio.file.Path;

/** Where mixserve keeps files on this machine. */
public final class Paths {
  private Paths() {}

  /** MIXSERVE_CACHE, else ~/.cache/mixserve. */
  public static Path cache() {
    String env = System.getenv("MIXSERVE_CACHE");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "mixserve");
  }
}
