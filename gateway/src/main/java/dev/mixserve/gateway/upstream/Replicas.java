package dev.mixserve.gateway.upstream;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.controller.Controller;
import dev.mixserve.controller.Fits;
import dev.mixserve.controller.KindLauncher;
import dev.mixserve.controller.ReplicaPool;
import dev.mixserve.controller.ReplicaView;
import dev.mixserve.controller.RestartPolicy;
import dev.mixserve.controller.UpstreamLauncher;
import dev.mixserve.controller.health.HttpHealthProbe;
import dev.mixserve.controller.process.CommandTemplate;
import dev.mixserve.controller.process.ProcessLauncher;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.gateway.cluster.ClusterView;
import dev.mixserve.scheduler.device.DeviceEnv;
import dev.mixserve.scheduler.device.DeviceOptions;
import dev.mixserve.scheduler.device.LaunchHints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replicas that run outside this JVM (supervised processes and upstream servers), kept by the
 * controller loop. The gateway only reads the pools; if the loop stalls, it keeps routing to the
 * last replicas it published and /-/healthz says the controller is degraded.
 */
public final class Replicas implements AutoCloseable {
  private static final Duration TICK = Duration.ofMillis(250);

  /** A stalled loop is noticed after this long without a finished tick. */
  static final Duration STALE = Duration.ofSeconds(10);

  private final Controller controller;
  private final HttpHealthProbe probe;
  private final ProcessLauncher processes;
  private final Path snapshots;
  private final AtomicInteger versions = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * @param files makes engine.model a local file for process replicas whose server loads only files
   *     (whisper.cpp), as it does for the engines of this JVM
   */
  public Replicas(Metrics registry, dev.mixserve.api.engine.ModelFetcher files) {
    this.probe = new HttpHealthProbe();
    this.processes = new ProcessLauncher(files);
    this.controller =
        new Controller(
            new KindLauncher(processes, new UpstreamLauncher(probe)),
            probe,
            RestartPolicy.DEFAULT,
            registry,
            InstantSource.system(),
            TICK);
    try {
      // Inside this process's scratch dir, so that a server killed before close() leaves it
      // where the next server's start-up sweep finds it.
      this.snapshots =
          Files.createTempDirectory(Files.createDirectories(processes.scratch()), "config-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    controller.start();
  }

  /**
   * Whether a deployment's replicas run outside this JVM: under process:, by an engine kind that
   * names a server of its own (vllm, whisper, xtts, tei, ...), or as an upstream.
   */
  public static boolean outside(Deployment d) {
    return CommandTemplate.supervised(d) || KindLauncher.upstream(d);
  }

  public ReplicaPool pool(String deployment) {
    return controller.pool(deployment);
  }

  /**
   * Makes the controller run what {@code config} says. Children read their deployment from a copy
   * of the config file as it is now, so that an edit after this reload cannot change what a later
   * restart of one of these replicas runs.
   */
  public void apply(MixserveConfig config, Path configFile, ClusterView cluster) {
    probe.clusterKey(
        config.auth().on()
            ? dev.mixserve.api.ClusterKey.of(config.auth())
            : java.util.Optional.empty());
    var wanted = config.deployments().stream().filter(Replicas::outside).toList();
    Path snapshot = configFile == null || wanted.isEmpty() ? null : snapshot(configFile);
    controller.apply(
        wanted,
        snapshot,
        d -> hints(d, cluster),
        (old, next) ->
            cluster == null
                ? Fits.onOneGpu(old, next)
                : Fits.beside(cluster.config().nodes(), cluster.config().deployments(), old, next));
  }

  private Path snapshot(Path file) {
    try {
      Path copy = snapshots.resolve("config-" + versions.incrementAndGet() + ".yaml");
      Files.createDirectories(
          snapshots); // another server in this JVM may have closed and removed it
      return Files.copy(file, copy);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Device visibility for the node and accelerator the plan gave the deployment's replicas. */
  private static LaunchHints hints(Deployment d, ClusterView cluster) {
    if (cluster == null) {
      return LaunchHints.NONE;
    }
    var placed = cluster.plan().of(d.name());
    if (placed.isEmpty()) {
      return LaunchHints.NONE;
    }
    var a =
        placed.stream()
            .filter(x -> x.node().equals(cluster.localNode()))
            .findFirst()
            .orElse(placed.getFirst());
    return cluster.config().nodes().stream()
        .filter(n -> n.name().equals(a.node()))
        .findFirst()
        .map(n -> DeviceEnv.of(n, a, d, DeviceOptions.DEFAULT))
        .orElse(LaunchHints.NONE);
  }

  /** Null when the loop runs; else what is wrong with it. */
  public String degraded() {
    if (controller.healthy(STALE)) {
      return null;
    }
    return "the controller loop has not finished a pass since "
        + controller.lastTick()
        + "; routing to the replicas it last published";
  }

  /**
   * Empty while it is worth waiting for a replica of {@code d} (one is pending or starting, or none
   * was made yet); otherwise why none serves, for an immediate 503.
   */
  java.util.Optional<String> whyNone(Deployment d) {
    String failed = null;
    boolean any = false;
    for (ReplicaView v : controller.replicas()) {
      if (!v.deployment().equals(d.name())) {
        continue;
      }
      any = true;
      switch (v.state()) {
        case PENDING, STARTING -> {
          return java.util.Optional.empty();
        }
        case FAILED -> failed = v.lastError() == null ? "it failed" : v.lastError();
        default -> {}
      }
    }
    if (!any || failed == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(failed);
  }

  public List<ReplicaView> views() {
    return controller.replicas();
  }

  public void close(Duration drain) {
    if (closed.getAndSet(true)) {
      return;
    }
    controller.close(drain);
    processes.close();
    try (var files = Files.list(snapshots)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(snapshots);
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
