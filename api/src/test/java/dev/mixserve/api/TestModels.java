package dev.mixserve.api;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small real models the tests read, from one folder: MIXSERVE_TEST_MODELS (the build passes it
 * on as the system property {@value #PROPERTY}), else {@code ../shared/models} beside the clone.
 * Shared with the other modules' tests through this module's test jar.
 */
public final class TestModels {
  public static final String PROPERTY = "mixserve.test.models";
  public static final String ENV = "MIXSERVE_TEST_MODELS";

  private TestModels() {}

  /** The folder: the property, the environment, or ../shared/models from the repository root. */
  public static Path dir() {
    String p = System.getProperty(PROPERTY);
    if (p == null || p.isBlank()) {
      p = System.getenv(ENV);
    }
    Path root = repoRoot();
    if (p == null || p.isBlank()) {
      return root.resolve("../shared/models").normalize();
    }
    return root.resolve(p).normalize();
  }

  /**
   * {@code dir()/relative}, which must exist: a missing one fails the test with one line that names
   * it and says how to get it, instead of a NoSuchFileException further on.
   */
  public static Path path(String relative) {
    Path file = dir().resolve(relative);
    if (!Files.exists(file)) {
      throw new AssertionError(missing(file));
    }
    return file;
  }

  static String missing(Path file) {
    return "test model missing: "
        + file
        + " (get the test models with ./mixserve models fetch-test, or point "
        + ENV
        + " at a folder that has them)";
  }

  // A test runs in its module's folder (one or two levels down); the root holds .mvn.
  private static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path d = here; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve(".mvn"))) {
        return d;
      }
    }
    return here;
  }
}
