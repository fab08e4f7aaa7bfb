package dev.mixserve.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The key the members of one cluster call each other with when keys are on: the head's health
 * checks of its workers' replicas and a worker's {@code GET /-/plan} on its head. Every member is
 * given the same one, from {@value #ENV} or from {@code auth.cluster_key_file} (a Kubernetes Secret
 * mounted into every pod), and lets it in as the admin key "cluster". It goes only to the cluster's
 * own members, never to an upstream that is not one.
 */
public final class ClusterKey {
  public static final String ENV = "MIXSERVE_CLUSTER_KEY";
  public static final String NAME = "cluster";

  /** The engine option that marks an upstream as a worker of this cluster: it gets the key. */
  public static final String MEMBER_OPTION = "cluster_member";

  /** Whether {@code d} is served by a worker of this cluster (and may be sent the key). */
  public static boolean member(Deployment d) {
    return Boolean.TRUE.equals(d.engine().options().get(MEMBER_OPTION));
  }

  private ClusterKey() {}

  /** The key for {@code auth}: the environment's, else the file's; empty when neither gives one. */
  public static Optional<String> of(Auth auth) {
    return of(auth, System.getenv(ENV));
  }

  static Optional<String> of(Auth auth, String env) {
    if (env != null && !env.isBlank()) {
      return Optional.of(env.strip());
    }
    Path file = auth.clusterKeyFile();
    if (file == null) {
      return Optional.empty();
    }
    try {
      String key = Files.readString(file).strip();
      if (key.isEmpty()) {
        throw new IllegalArgumentException("auth.cluster_key_file " + file + " is empty");
      }
      return Optional.of(key);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("auth.cluster_key_file: no such file: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read auth.cluster_key_file " + file, e);
    }
  }
}
