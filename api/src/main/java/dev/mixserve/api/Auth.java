package dev.mixserve.api;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * Who may call: with no keys anywhere the endpoint is open, as it was before keys existed; with any
 * key, every request but the probes needs one.
 *
 * @param keys keys declared in the config itself
 * @param keysFile a file of more keys, read again whenever it changes (null: none)
 * @param clusterKeyFile the file of the key cluster members call each other with (null: none; see
 *     {@link ClusterKey})
 */
public record Auth(List<ApiKey> keys, Path keysFile, Path clusterKeyFile) {
  public static final Auth OFF = new Auth(List.of(), null, null);

  public Auth(List<ApiKey> keys, Path keysFile) {
    this(keys, keysFile, null);
  }

  public Auth {
    keys = List.copyOf(keys);
    requireUniqueNames(keys);
  }

  /** Whether requests need a key (a keys file counts even while it holds none: it may fill). */
  public boolean on() {
    return !keys.isEmpty() || keysFile != null;
  }

  public Auth withKeys(List<ApiKey> more) {
    var all = new java.util.ArrayList<>(keys);
    all.addAll(more);
    return new Auth(all, keysFile, clusterKeyFile);
  }

  /**
   * Refuses two keys of one name (the name is how logs and metrics tell them apart) or of one hash
   * (which of the two would a request be?).
   */
  public static void requireUniqueNames(List<ApiKey> keys) {
    var names = new HashSet<String>();
    var hashes = new HashSet<String>();
    for (ApiKey k : keys) {
      if (!names.add(k.name())) {
        throw new IllegalArgumentException("duplicate key name '" + k.name() + "'");
      }
      if (!hashes.add(k.sha256())) {
        throw new IllegalArgumentException("key '" + k.name() + "' is another key's twin");
      }
    }
  }
}
