package dev.mixserve.gateway;

import dev.mixserve.api.ApiKey;
import dev.mixserve.api.Auth;
import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.gateway.auth.Guard;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the {@link Guard} holding the config's keys and those of its {@code auth.keys_file}, read
 * again whenever that file changes, with no restart and no request lost: the guard swaps its
 * keyring in one write. A file that does not read keeps the keys it held last (a half-written file
 * must not lock everyone out), and says why in the log.
 */
public final class KeysFile implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(KeysFile.class.getName());

  private final Guard guard;
  private volatile List<ApiKey> declared = List.of();
  private volatile List<Deployment> deployments = List.of();
  private volatile List<ApiKey> fromFile = List.of();
  private Path file;
  private WatchService watch;
  private volatile int seen;

  private KeysFile(Guard guard) {
    this.guard = guard;
  }

  /**
   * Reads {@code config}'s keys (and file) into {@code guard}; a file that does not read throws.
   */
  public static KeysFile start(MixserveConfig config, Guard guard) {
    var k = new KeysFile(guard);
    k.apply(config);
    return k;
  }

  /** Throws IllegalArgumentException when {@code config}'s keys file does not read. */
  public static void check(MixserveConfig config) {
    var f = config.auth().keysFile();
    if (f != null) {
      new KeysFile(Guard.open()).read(f.toAbsolutePath());
    }
  }

  /**
   * The keys of a new config (a reload): throws IllegalArgumentException, changing nothing, when
   * its keys file does not read.
   */
  public synchronized void apply(MixserveConfig config) {
    Auth auth = config.auth();
    Path next = auth.keysFile() == null ? null : auth.keysFile().toAbsolutePath();
    List<ApiKey> read = next == null ? List.of() : read(next);
    var own = new ArrayList<>(auth.keys());
    if (auth.on()) {
      // the cluster's members let each other in as this admin key (with keys off, all are in)
      dev.mixserve.api.ClusterKey.of(auth)
          .ifPresent(
              k ->
                  own.add(
                      new ApiKey(
                          dev.mixserve.api.ClusterKey.NAME,
                          dev.mixserve.gateway.auth.KeyHash.hex(k),
                          List.of("*"),
                          true,
                          dev.mixserve.api.KeyLimits.NONE)));
    }
    publish(own, read, config.deployments(), auth.on());
    if (!java.util.Objects.equals(next, file)) {
      stopWatching();
      file = next;
      if (next != null) {
        watch(next);
      }
    }
  }

  private List<ApiKey> read(Path f) {
    try {
      seen = contents(f);
      return ConfigLoader.keys(f);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("auth.keys_file: " + e.getMessage(), e);
    }
  }

  private void publish(List<ApiKey> config, List<ApiKey> file, List<Deployment> ds, boolean on) {
    var all = new ArrayList<>(config);
    all.addAll(file);
    Auth.requireUniqueNames(all); // a key in both would be two holders of one name
    for (ApiKey k : file) {
      var unknown =
          k.scopes().stream()
              .filter(s -> !s.equals("*"))
              .filter(s -> ds.stream().noneMatch(d -> d.name().equals(s) || d.route().equals(s)))
              .toList();
      if (!unknown.isEmpty()) {
        LOG.log(Level.WARNING, "key '" + k.name() + "': scopes " + unknown + " name no deployment");
      }
    }
    guard.keys(on, all);
    declared = List.copyOf(config);
    fromFile = List.copyOf(file);
    deployments = List.copyOf(ds);
  }

  /** The file changed: its keys from now on, or the last ones if it does not read. */
  synchronized void reread() {
    if (file == null) {
      return;
    }
    try {
      publish(declared, read(file), deployments, true);
      LOG.log(Level.INFO, "keys file " + file + ": " + guard.size() + " keys");
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "keys file refused, the last keys stay: " + e.getMessage());
    }
  }

  private void watch(Path f) {
    try {
      watch = FileSystems.getDefault().newWatchService();
      f.getParent()
          .register(
              watch, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
    } catch (IOException e) {
      throw new IllegalArgumentException("auth.keys_file: cannot watch " + f + ": " + e, e);
    }
    var w = watch;
    Thread.ofVirtual().name("keys-watch").start(() -> loop(w, f));
  }

  private void loop(WatchService w, Path f) {
    try {
      while (true) {
        var key = w.take();
        boolean ours = key.pollEvents().stream().anyMatch(e -> f.getFileName().equals(e.context()));
        key.reset();
        // a Secret mounted by Kubernetes changes by a link swapped beside the file (..data)
        if (ours || contents(f) != seen) {
          Thread.sleep(100); // editors write in several steps; read once they are done
          while ((key = w.poll()) != null) {
            key.pollEvents();
            key.reset();
          }
          reread();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  private static int contents(Path f) {
    try {
      return Arrays.hashCode(Files.readAllBytes(f));
    } catch (IOException e) {
      return 0;
    }
  }

  private void stopWatching() {
    if (watch != null) {
      try {
        watch.close();
      } catch (IOException e) {
        // nothing left to release
      }
      watch = null;
    }
  }

  @Override
  public synchronized void close() {
    stopWatching();
  }
}
