package dev.mixserve.gateway;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.core.metrics.ServeMetrics;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.cluster.ClusterMember;
import dev.mixserve.gateway.cluster.ClusterRole;
import dev.mixserve.gateway.cluster.ClusterView;
import dev.mixserve.gateway.http.GateMetrics;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.gateway.upstream.ReplicaEngine;
import dev.mixserve.gateway.upstream.Replicas;
import dev.mixserve.scheduler.inventory.LocalSystemProbe;
import dev.mixserve.scheduler.inventory.SystemProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
  private final ClusterMember cluster;
  private volatile MixserveConfig
      declared; // the whole cluster's config; `config` is what runs here
  private volatile java.util.Map<String, String> unplaced;
  private final KeysFile keys;
  private final SystemProbe machine; // how this machine's GPUs are detected

  private MixserveServer(
      ClusterRole.Served served,
      MixserveConfig declared,
      ClusterMember member,
      EngineRegistry engines,
      EngineContext context,
      ServeMetrics metrics,
      java.nio.file.Path configFile,
      SystemProbe machine) {
    MixserveConfig config = served.config();
    this.machine = machine == null ? new LocalSystemProbe(Duration.ofSeconds(5)) : machine;
    this.config = config;
    this.declared = declared;
    this.cluster = member;
    this.unplaced = served.unplaced();
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
    var view = ClusterView.of(declared, List.of(), member.role().node(), Set.of(), this.machine);
    replicas.apply(config, configFile, view);
    this.gateway =
        new Gateway(config.server(), new RouteTable(runtimes, config.server(), 1, view), metrics);
    this.keys = KeysFile.start(config, gateway.guard());
    gateway.node(member.role().node().orElse(null));
    gateway.replicas(replicas);
    gateway.placement(member::placement);
    if (machine != null) {
      gateway.gpuProbe(machine);
    }
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
    return start(config, engines, context, configFile, new ClusterRole.Head());
  }

  /**
   * As {@link #start(MixserveConfig, EngineRegistry, EngineContext, java.nio.file.Path)}, playing
   * {@code role} in the cluster the config declares: what it serves is {@link ClusterRole#serve}.
   */
  public static MixserveServer start(
      MixserveConfig config,
      EngineRegistry engines,
      EngineContext context,
      java.nio.file.Path configFile,
      ClusterRole role) {
    return start(config, engines, context, configFile, role, null);
  }

  /**
   * As above, with the workers where {@code workers} says they are (null: the config's own
   * addresses).
   */
  public static MixserveServer start(
      MixserveConfig config,
      EngineRegistry engines,
      EngineContext context,
      java.nio.file.Path configFile,
      ClusterRole role,
      dev.mixserve.api.WorkerDiscovery workers) {
    return start(config, engines, context, configFile, role, workers, null);
  }

  /**
   * As above, with this machine seen through {@code machine} (null: the real one) when its GPUs are
   * detected and their memory measured, so that a test can give fake tools.
   */
  public static MixserveServer start(
      MixserveConfig config,
      EngineRegistry engines,
      EngineContext context,
      java.nio.file.Path configFile,
      ClusterRole role,
      dev.mixserve.api.WorkerDiscovery workers,
      SystemProbe machine) {
    var member = new ClusterMember(role, workers);
    var served = member.serve(config);
    EngineCheck.check(served, engines);
    KeysFile.check(config); // before anything starts: a keys file that does not read stops here
    var server =
        new MixserveServer(
            served,
            config,
            member,
            engines,
            context,
            ServeMetrics.forServer(),
            configFile,
            machine);
    server.gateway.start();
    member.watch(() -> server.declared, config.server().nodesDownAfter(), server::replan);
    return server;
  }

  static void check(MixserveConfig config, EngineRegistry engines) {
    EngineCheck.check(new ClusterRole.Served(config, java.util.Map.of()), engines);
  }

  private DeploymentRuntime launch(Deployment d) {
    var rt = new DeploymentRuntime(d, metrics.forDeployment(d.name()));
    String refused = unplaced.get(d.name());
    if (refused != null) {
      rt.load(
          () -> {
            throw new IllegalStateException("not placed: " + refused);
          });
    } else if (Replicas.outside(d)) {
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
   * A worker runs what its head's plan puts on its node, from now on: what moves there when another
   * node goes down starts here.
   */
  public void followHead(java.net.URI head) {
    // the head lets its workers read its plan with the cluster's key, when keys are on
    cluster.follow(
        head,
        () ->
            declared.auth().on()
                ? dev.mixserve.api.ClusterKey.of(declared.auth())
                : java.util.Optional.empty(),
        this::replan);
  }

  /** The same config, placed anew (a node went down or came back, or the head's plan changed). */
  private void replan() {
    try {
      reload(declared, REPLAN_TIMEOUT);
    } catch (RuntimeException e) {
      System.getLogger(MixserveServer.class.getName())
          .log(System.Logger.Level.WARNING, "replanning failed: " + e.getMessage(), e);
    }
  }

  /** Long enough for a worker to load what moved to it. */
  private static final Duration REPLAN_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Replaces the running config: unchanged deployments keep serving untouched; new and changed ones
   * load beside the old, the route table switches once they are ready, and replaced runtimes drain
   * (their admitted requests finish) before they close. A changed deployment whose new engine fails
   * to load keeps its old runtime. Throws IllegalArgumentException, changing nothing, for a config
   * that cannot be served.
   */
  public synchronized Reload reload(MixserveConfig whole, Duration loadTimeout) {
    var served = cluster.serve(whole);
    MixserveConfig next = served.config();
    EngineCheck.check(served, engines);
    if (next.server().port() != config.server().port() && next.server().port() != 0
        || !next.server().host().equals(config.server().host())) {
      throw new IllegalArgumentException("server.host and server.port change only with a restart");
    }
    if (next.server().front() != config.server().front()) {
      throw new IllegalArgumentException("server.front changes only with a restart");
    }
    if (!next.server().tls().equals(config.server().tls())) {
      // the files named are read again when they change; which files, only at a restart
      throw new IllegalArgumentException("server.tls changes only with a restart");
    }
    if (!next.server().edge().equals(config.server().edge())
        || !next.server().cors().equals(config.server().cors())) {
      throw new IllegalArgumentException("server.edge and server.cors change only with a restart");
    }
    keys.apply(next);
    var before = unplaced;
    unplaced = served.unplaced();
    pendingDeclared = whole;
    try {
      return new Reloader(this, next, loadTimeout).run();
    } catch (RuntimeException e) {
      unplaced = before;
      throw e;
    }
  }

  private volatile MixserveConfig pendingDeclared;

  /** Whether the plan now places no replica of {@code deployment} (its route answers 503). */
  boolean unplaced(String deployment) {
    return unplaced.containsKey(deployment);
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
    if (pendingDeclared != null) {
      declared = pendingDeclared;
    }
    var view = ClusterView.of(declared, placed, cluster.role().node(), cluster.down(), machine);
    replicas.apply(next, configFile, view);
    gateway.publish(new RouteTable(runtimes, next.server(), gateway.routes().version() + 1, view));
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
    keys.close();
    cluster.close();
    gateway.close();
    replicas.close(Duration.ofSeconds(5));
    var all = runtimes;
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).close();
    }
  }
}
