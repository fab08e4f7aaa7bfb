package dev.mixserve.gateway;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Reloads a server from its config file: on demand (SIGHUP, POST /-/reload) and when the file
 * changes. A config that does not load or cannot be served is refused; the running one stays.
 */
public final class ConfigWatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ConfigWatcher.class.getName());
  private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);

  private final MixserveServer server;
  private final Path file;
  private final UnaryOperator<MixserveConfig> overrides;
  private final WatchService watch;
  private volatile int seen; // what the file held when last read, to notice a change no event names

  private ConfigWatcher(MixserveServer server, Path file, UnaryOperator<MixserveConfig> overrides)
      throws IOException {
    this.server = server;
    this.file = file.toAbsolutePath();
    this.overrides = overrides;
    this.watch = FileSystems.getDefault().newWatchService();
    this.file
        .getParent()
        .register(
            watch, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
    this.seen = contents();
  }

  /** Watches {@code file} and answers POST /-/reload on the server's gateway. */
  public static ConfigWatcher start(MixserveServer server, Path file) throws IOException {
    return start(server, file, UnaryOperator.identity());
  }

  /**
   * As {@link #start(MixserveServer, Path)}, with what the command line changed ({@code serve
   * --llm}) applied to every version of the file, as it was to the first: a reload must not drop
   * it.
   */
  public static ConfigWatcher start(
      MixserveServer server, Path file, UnaryOperator<MixserveConfig> overrides)
      throws IOException {
    var w = new ConfigWatcher(server, file, overrides);
    server.gateway().onReload(w::reload);
    Thread.ofVirtual().name("config-watch").start(w::loop);
    return w;
  }

  /** Loads the file and applies it; throws IllegalArgumentException when refused. */
  public Reload reload() {
    seen = contents();
    try {
      var next = overrides.apply(ConfigLoader.load(file));
      Reload r = server.reload(next, LOAD_TIMEOUT);
      LOG.log(Level.INFO, "reloaded " + file + ": " + r.summary());
      return r;
    } catch (ConfigException | IllegalArgumentException e) {
      LOG.log(Level.WARNING, "refused new config, the running one stays: " + e.getMessage());
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private void loop() {
    try {
      while (true) {
        var key = watch.take();
        boolean ours =
            key.pollEvents().stream().anyMatch(e -> file.getFileName().equals(e.context()));
        key.reset();
        // A Kubernetes ConfigMap or Secret changes by swapping a link beside the file (..data):
        // the events name the link, so what decides is whether the file now reads differently.
        if (ours || contents() != seen) {
          Thread.sleep(200); // editors write in several steps; read once they are done
          drainEvents();
          try {
            reload();
          } catch (IllegalArgumentException e) {
            // Logged in reload(); keep watching for the fix.
          }
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  private int contents() {
    try {
      return java.util.Arrays.hashCode(java.nio.file.Files.readAllBytes(file));
    } catch (IOException e) {
      return 0; // gone or unreadable for now: the load that follows says why
    }
  }

  private void drainEvents() {
    var key = watch.poll();
    while (key != null) {
      key.pollEvents();
      key.reset();
      key = watch.poll();
    }
  }

  @Override
  public void close() {
    try {
      watch.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
