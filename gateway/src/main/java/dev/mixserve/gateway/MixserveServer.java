package dev.mixserve.gateway;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.controller.process.CommandTemplate;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.core.metrics.ServeMetrics;
import dev.mixserve.core.runtime.DeploymentRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A whole server: every deployment of a config loaded in this JVM, behind one gateway. A new config
 * can replace the running one without downtime (see {@link #reload}).
 */
public final class MixserveServer implements AutoCloseable {
  private final Gateway gateway;
  private final EngineRegistry engines;
  private final EngineContext context;
  private final ServeMetrics metrics;
  private volatile MixserveConfig config;
  private volatile List<DeploymentRuntime> runtimes;
  private final CompletableFuture<Void> loaded;
  private final Replicas replicas;
  private final java.nio.file.Path configFile;

  private MixserveServer(
      MixserveConfig config,
      EngineRegistry engines,
      EngineContext context,
      ServeMetrics metrics,
      java.nio.file.Path configFile) {
    this.config = config;
    this.engines = engines;
    this.context = context;
    this.metrics = metrics;
    this.configFile = configFile;
    this.replicas = new Replicas(metrics.registry(), context.fetcher());
    var started = new ArrayList<DeploymentRuntime>();
    var loads = new ArrayList<CompletableFuture<?>>();
    for (Deployment d : config.deployments()) {
      var rt = launch(d);
      started.add(rt);
      loads.add(rt.loading());
    }
    this.runtimes = List.copyOf(started);
    this.loaded = CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new));
    var cluster = ClusterView.of(config, List.of());
    replicas.apply(config, configFile, cluster);
    this.gateway =
        new Gateway(
            config.server(), new RouteTable(runtimes, config.server(), 1, cluster), metrics);
    gateway.replicas(replicas);
  }

  /**
   * Checks every engine kind, starts the gateway, and loads engines in the background. Throws
   * IllegalArgumentException for a deployment whose engine kind or task does not exist.
   */
  public static MixserveServer start(
      MixserveConfig config, EngineRegistry engines, EngineContext context) {
    return start(config, engines, context, null);
  }

  /**
   * As {@link #start(MixserveConfig, EngineRegistry, EngineContext)}, for a config read from {@code
   * configFile}, which process replicas ({@code mixserve engine} children) read too.
   */
  public static MixserveServer start(
      MixserveConfig config,
      EngineRegistry engines,
      EngineContext context,
      java.nio.file.Path configFile) {
    check(config, engines);
    var server =
        new MixserveServer(config, engines, context, new ServeMetrics(new Metrics()), configFile);
    server.gateway.start();
    return server;
  }

  static void check(MixserveConfig config, EngineRegistry engines) {
    for (Deployment d : config.deployments()) {
      if (CommandTemplate.EXTERNAL.contains(d.engine().kind())) {
        var missing = CommandTemplate.missing(d);
        if (missing.isPresent()) {
          throw new IllegalArgumentException("deployment '" + d.name() + "': " + missing.get());
        }
        continue; // a server of its own, started by command; nothing of it runs in this JVM
      }
      if (dev.mixserve.controller.KindLauncher.upstream(d)) {
        try {
          dev.mixserve.controller.UpstreamLauncher.base(d); // a bad URL is refused here
        } catch (dev.mixserve.controller.Launcher.LaunchException e) {
          throw new IllegalArgumentException("deployment " + e.getMessage());
        }
        continue; // any task: the gateway forwards its calls as they come
      }
      var f = engines.factories().get(d.engine().kind());
      if (f == null || !f.tasks().contains(d.task())) {
        throw new IllegalArgumentException(
            "deployment '"
                + d.name()
                + "': engine '"
                + d.engine().kind()
                + "' "
                + (f == null
                    ? "is unknown; known: "
                        + engines.factories().keySet()
                        + ", upstream, and servers of their own: "
                        + CommandTemplate.EXTERNAL
                    : "does not do " + d.task().id() + "; it does " + f.tasks()));
      }
    }
  }

  private DeploymentRuntime launch(Deployment d) {
    var rt = new DeploymentRuntime(d, metrics.forDeployment(d.name()));
    if (Replicas.outside(d)) {
      var pool = replicas.pool(d.name());
      pool.bindQueue(rt.gate()::queued);
      rt.load(() -> new ReplicaEngine(d, pool, replicas));
    } else {
      rt.load(() -> engines.create(d, context));
    }
    GateMetrics.register(metrics.registry(), rt);
    return rt;
  }

  /**
   * Replaces the running config: unchanged deployments keep serving untouched; new and changed ones
   * load beside the old, the route table switches once they are ready, and replaced runtimes drain
   * (their admitted requests finish) before they close. A changed deployment whose new engine fails
   * to load keeps its old runtime. Throws IllegalArgumentException, changing nothing, for a config
   * that cannot be served.
   */
  public synchronized Reload reload(MixserveConfig next, Duration loadTimeout) {
    check(next, engines);
    if (next.server().port() != config.server().port() && next.server().port() != 0
        || !next.server().host().equals(config.server().host())) {
      throw new IllegalArgumentException("server.host and server.port change only with a restart");
    }
    if (next.server().front() != config.server().front()) {
      throw new IllegalArgumentException("server.front changes only with a restart");
    }
    if (!next.server().edge().equals(config.server().edge())) {
      throw new IllegalArgumentException("server.edge changes only with a restart");
    }
    return new Reloader(this, next, loadTimeout).run();
  }

  List<DeploymentRuntime> current() {
    return runtimes;
  }

  MixserveConfig config() {
    return config;
  }

  DeploymentRuntime start(Deployment d) {
    return launch(d);
  }

  void publish(MixserveConfig next, List<DeploymentRuntime> serving) {
    config = next;
    runtimes = List.copyOf(serving);
    var placed = gateway.routes().cluster().map(c -> c.plan().assignments()).orElse(List.of());
    var cluster = ClusterView.of(next, placed);
    replicas.apply(next, configFile, cluster);
    gateway.publish(
        new RouteTable(runtimes, next.server(), gateway.routes().version() + 1, cluster));
  }

  public int port() {
    return gateway.port();
  }

  public Gateway gateway() {
    return gateway;
  }

  /** The runtimes serving now, in config order. */
  public List<DeploymentRuntime> runtimes() {
    return runtimes;
  }

  /** Completes when every engine of the first config is loaded or has failed to load. */
  public CompletableFuture<Void> loaded() {
    return loaded;
  }

  /** Finishes admitted requests (at most {@code timeout}), then closes everything. */
  public void shutdown(Duration timeout) {
    gateway.drain(timeout);
    replicas.close(timeout);
    close();
  }

  @Override
  public void close() {
    gateway.close();
    replicas.close(Duration.ofSeconds(5));
    var all = runtimes;
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).close();
    }
  }
}
