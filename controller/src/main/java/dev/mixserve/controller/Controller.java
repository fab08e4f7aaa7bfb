package dev.mixserve.controller;

import dev.mixserve.api.Deployment;
import dev.mixserve.controller.health.HealthProbe;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.scheduler.device.LaunchHints;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The control loop: every tick refreshes the inventory, reconciles deployments with what is wanted,
 * advances every replica, sends due health checks and publishes the pools. Each step runs on its
 * own, timed, so one that throws leaves the others running; the gateway keeps the last pools
 * whatever happens here.
 */
public final class Controller implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Controller.class.getName());

  /**
   * @param refreshInventory called first in every tick (e.g. re-detect devices); may be a no-op
   * @param published called with the new route version whenever a pool changed
   */
  public record Hooks(Runnable refreshInventory, LongConsumer published) {
    public static final Hooks NONE = new Hooks(() -> {}, v -> {});
  }

  private record Wanted(
      List<Deployment> deployments,
      Path config,
      Function<Deployment, LaunchHints> placement,
      java.util.function.BiPredicate<Deployment, Deployment> fitsBeside) {}

  private final Effects effects;
  private final RestartPolicy policy;
  private final ControllerMetrics metrics;
  private final InstantSource clock;
  private final Duration tick;
  private final Hooks hooks;
  private final Executor executor;
  private final Map<String, ReplicaPool> pools = new ConcurrentHashMap<>();
  private final Map<String, DeploymentState> deployments = new TreeMap<>();
  private final Steps steps;
  private final ReentrantLock ticking = new ReentrantLock();
  private volatile Wanted wanted;
  private volatile List<ReplicaView> views = List.of();
  private volatile Instant lastTick;
  private volatile long version;
  private volatile Thread loop;
  private volatile boolean closed;

  public Controller(
      Launcher launcher,
      HealthProbe probe,
      RestartPolicy policy,
      Metrics registry,
      InstantSource clock,
      Duration tick) {
    this(launcher, probe, policy, registry, clock, tick, Hooks.NONE);
  }

  public Controller(
      Launcher launcher,
      HealthProbe probe,
      RestartPolicy policy,
      Metrics registry,
      InstantSource clock,
      Duration tick,
      Hooks hooks) {
    this(launcher, probe, policy, registry, clock, tick, hooks, virtualThreads());
  }

  /** Tests pass a same-thread executor so every side effect finishes within the tick. */
  Controller(
      Launcher launcher,
      HealthProbe probe,
      RestartPolicy policy,
      Metrics registry,
      InstantSource clock,
      Duration tick,
      Hooks hooks,
      Executor executor) {
    this.effects = new Effects(launcher, probe, executor);
    this.executor = executor;
    this.policy = policy;
    this.metrics = new ControllerMetrics(registry);
    this.clock = clock;
    this.tick = tick;
    this.hooks = hooks;
    this.steps = new Steps(metrics);
  }

  /**
   * What should run from now on: each deployment's replicas, each placed by {@code placement}.
   * Level-triggered: the loop compares it with what runs on every tick. A changed spec starts a new
   * set and switches routes once one of its replicas runs; a missing deployment drains.
   *
   * @param configFile handed to launchers for {@code mixserve engine} children; may be null
   */
  public void apply(
      List<Deployment> supervised, Path configFile, Function<Deployment, LaunchHints> placement) {
    apply(supervised, configFile, placement, Fits::onOneGpu);
  }

  /**
   * As {@link #apply(List, Path, Function)}; {@code fitsBeside(old, next)} says whether a changed
   * spec's replicas may start while the old ones hold their share (else the reload swaps them).
   */
  public void apply(
      List<Deployment> supervised,
      Path configFile,
      Function<Deployment, LaunchHints> placement,
      java.util.function.BiPredicate<Deployment, Deployment> fitsBeside) {
    var names = new HashSet<String>();
    for (Deployment d : supervised) {
      if (!names.add(d.name())) {
        throw new IllegalArgumentException("deployment " + d.name() + " given twice");
      }
      pool(d.name());
    }
    wanted = new Wanted(List.copyOf(supervised), configFile, placement, fitsBeside);
  }

  /** The pool the gateway routes with; the same object for a name across reloads. */
  public ReplicaPool pool(String deployment) {
    return pools.computeIfAbsent(
        deployment,
        n -> {
          var p = new ReplicaPool(n);
          metrics.watch(p);
          return p;
        });
  }

  /** Runs the loop on its own thread, one tick every {@code tick}. */
  public synchronized void start() {
    if (loop != null || closed) {
      throw new IllegalStateException("controller already started or closed");
    }
    loop = Thread.ofPlatform().name("mixserve-controller").daemon(true).start(this::run);
  }

  /** One full iteration on the caller's thread. */
  public void tickOnce() {
    ticking.lock();
    try {
      Instant now = clock.instant();
      steps.run("inventory", hooks.refreshInventory());
      steps.run("reconcile", () -> reconcile(now));
      steps.run("replicas", () -> each(s -> s.advance(now)));
      steps.run("health", () -> each(s -> s.checkHealth(now)));
      steps.run("publish", this::publish);
      lastTick = clock.instant();
    } finally {
      ticking.unlock();
    }
  }

  /** When the last tick finished, or null before the first. */
  public Instant lastTick() {
    return lastTick;
  }

  /** False once the loop died, hung or fell behind by more than {@code maxAge}. */
  public boolean healthy(Duration maxAge) {
    Instant last = lastTick;
    Thread t = loop;
    return !closed
        && last != null
        && (t == null || t.isAlive())
        && Duration.between(last, clock.instant()).compareTo(maxAge) <= 0;
  }

  /** Grows whenever any pool's members change. */
  public long version() {
    return version;
  }

  /** Every replica as of the last tick. */
  public List<ReplicaView> replicas() {
    return views;
  }

  /** Stops the loop, then drains and stops every replica, waiting at most about {@code drain}. */
  public void close(Duration drain) {
    closed = true;
    Thread t = loop;
    if (t != null) {
      t.interrupt();
      join(t, tick.multipliedBy(4).plusSeconds(1));
    }
    Shutdown.drain(deployments, clock, drain, ticking, () -> steps.run("publish", this::publish));
    if (executor instanceof ExecutorService own) {
      own.shutdown();
      try {
        own.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private void run() {
    while (!closed) {
      long started = System.nanoTime();
      tickOnce();
      long left = tick.toNanos() - (System.nanoTime() - started);
      try {
        if (left > 0) {
          TimeUnit.NANOSECONDS.sleep(left);
        }
      } catch (InterruptedException e) {
        return; // closing
      }
    }
  }

  private void reconcile(Instant now) {
    Wanted w = wanted;
    if (w == null) {
      return;
    }
    var names = new HashSet<String>();
    w.deployments().forEach(d -> names.add(d.name()));
    deployments.forEach(
        (n, s) -> {
          if (!names.contains(n)) {
            s.remove(now);
          }
        });
    try {
      Steps.forEach(
          w.deployments(),
          d -> deployments.computeIfAbsent(d.name(), this::newState).want(d, now, w.fitsBeside()));
      each(s -> s.reconcile(now));
    } finally {
      deployments.values().removeIf(DeploymentState::gone);
    }
  }

  private DeploymentState newState(String name) {
    var replicaMetrics = metrics.forDeployment(name);
    return new DeploymentState(
        name,
        pool(name),
        (d, n) -> {
          var spec =
              new ReplicaSpec(name + "-" + n, d, wanted.placement().apply(d), wanted.config());
          return new Replica(spec, n, effects, policy, replicaMetrics);
        });
  }

  private void publish() {
    boolean changed = false;
    for (var e : pools.entrySet()) {
      DeploymentState s = deployments.get(e.getKey());
      changed |= e.getValue().publish(s == null ? List.of() : s.members());
      metrics.states(e.getKey(), s == null ? Map.of() : s.counts());
    }
    views = deployments.values().stream().flatMap(s -> s.views().stream()).toList();
    if (changed) {
      version++;
      hooks.published().accept(version);
    }
  }

  private void each(Consumer<DeploymentState> action) {
    Steps.forEach(deployments.values(), action);
  }

  private static void join(Thread t, Duration max) {
    try {
      if (!t.join(max)) {
        LOG.log(Level.WARNING, "control loop did not stop within {0}", max);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ExecutorService virtualThreads() {
    return Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("mixserve-replica-", 0).factory());
  }
}
