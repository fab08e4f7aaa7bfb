package dev.mixserve.core.runtime;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.engine.EmbeddingEngine;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.RerankEngine;
import dev.mixserve.api.engine.SpeechEngine;
import dev.mixserve.api.engine.TranscriptionEngine;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.admission.AdmissionGate;
import dev.mixserve.core.batch.Batcher;
import dev.mixserve.core.metrics.DeploymentMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One deployment served in this JVM: its engine (once loaded), its admission gate and its batchers.
 * Loading happens in the background so that one slow or failing model never holds up the others;
 * until then requests get 503 with the reason.
 */
public final class DeploymentRuntime implements AutoCloseable {
  private final Deployment deployment;
  private final DeploymentMetrics metrics;
  private final AdmissionGate gate;
  private volatile State state = new State.Loading();
  private volatile CompletableFuture<State> loading = new CompletableFuture<>();
  private volatile int failedLoads;
  private volatile String lastReason;
  private static final long RETRY_CAP_SECONDS = 300;

  /**
   * Held for the whole of a load, so that close() waits for it: an engine's native library may be
   * torn down when the JVM exits (ONNX Runtime's C++ statics are), and a thread still inside it
   * then crashes the process (#20).
   */
  private final ReentrantLock loadLock = new ReentrantLock();

  private volatile Thread loader;

  /** How long close() waits for a load in progress (a native model load cannot be stopped). */
  static final Duration LOAD_WAIT = Duration.ofSeconds(60);

  private static final System.Logger LOG = System.getLogger(DeploymentRuntime.class.getName());

  /** Where the engine is in its life. */
  public sealed interface State {
    record Loading() implements State {}

    record Ready(Engine engine, Batchers batchers) implements State {}

    record Failed(String reason) implements State {}

    record Closed() implements State {}
  }

  public DeploymentRuntime(Deployment deployment, DeploymentMetrics metrics) {
    this.deployment = deployment;
    this.metrics = metrics;
    // max_ongoing_requests is per replica: an autoscaled deployment may grow to its max.
    int replicas =
        deployment.autoscaling() != null ? deployment.autoscaling().max() : deployment.replicas();
    this.gate = new AdmissionGate(deployment.name(), deployment.limits(), replicas, metrics);
  }

  /**
   * Loads the engine on a virtual thread; the future completes when it is ready or failed. A failed
   * load is tried again after a backoff (1 s doubling to 5 min) until it loads or the runtime
   * closes: a download that failed while the network was down, or a GPU that was busy, comes back
   * without a restart. Requests meanwhile get 503 with the last reason.
   */
  public CompletableFuture<State> load(Supplier<Engine> factory) {
    loading =
        CompletableFuture.supplyAsync(
            () -> attempt(factory),
            r -> Thread.ofVirtual().name("load-" + deployment.name()).start(r));
    return loading;
  }

  private State attempt(Supplier<Engine> factory) {
    loadLock.lock();
    try {
      if (state instanceof State.Closed) {
        return state;
      }
      loader = Thread.currentThread();
      return attemptLocked(factory);
    } finally {
      loader = null;
      Thread.interrupted(); // an interrupt from close() was for this load only
      loadLock.unlock();
    }
  }

  private State attemptLocked(Supplier<Engine> factory) {
    State next;
    long start = System.nanoTime();
    // The first try at INFO, as it happens; the retries of a failing one only at DEBUG.
    LOG.log(
        failedLoads == 0 ? System.Logger.Level.INFO : System.Logger.Level.DEBUG,
        "deployment {0} loading: {1}",
        deployment.name(),
        what());
    try {
      Engine engine = factory.get();
      int runsAtOnce = concurrency(engine);
      if (runsAtOnce > 0) {
        gate.capRunning(runsAtOnce * Math.max(1, deployment.replicas()));
      }
      next = new State.Ready(engine, Batchers.of(deployment, engine, metrics));
    } catch (RuntimeException e) {
      next = new State.Failed(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    synchronized (this) {
      if (state instanceof State.Closed) {
        // Closed while loading: nobody will ever close what just loaded.
        if (next instanceof State.Ready r) {
          r.batchers().close();
          r.engine().close();
        }
        return state;
      }
      state = next;
    }
    String took = seconds(System.nanoTime() - start);
    if (next instanceof State.Failed f) {
      retry(factory, f.reason(), took);
    } else {
      LOG.log(
          System.Logger.Level.INFO,
          "deployment {0} ready in {1} s: {2}{3}",
          deployment.name(),
          took,
          ((State.Ready) next).engine().card().model(),
          failedLoads == 0 ? "" : " (after " + failedLoads + " failed tries)");
      failedLoads = 0;
      lastReason = null;
    }
    return next;
  }

  /** The engine kind and model, as the config names them. */
  private String what() {
    var e = deployment.engine();
    return e.model().isBlank() ? e.kind() : e.kind() + " " + e.model();
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
  }

  private void retry(Supplier<Engine> factory, String reason, String took) {
    long seconds = Math.min(RETRY_CAP_SECONDS, 1L << Math.min(failedLoads++, 16));
    // The reason in full once (and when it changes); the same again only at DEBUG, so that an
    // offline machine's log is not a wall of one message.
    boolean news = !reason.equals(lastReason);
    lastReason = reason;
    LOG.log(
        news ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
        news
            ? "deployment {0} failed to load after {3} s: {1}; trying again in {2} s, then less"
                + " and less often"
            : "deployment {0} still fails to load; trying again in {2} s",
        deployment.name(),
        reason,
        seconds,
        took);
    Thread.ofVirtual()
        .name("reload-" + deployment.name())
        .start(
            () -> {
              try {
                Thread.sleep(Duration.ofSeconds(seconds));
              } catch (InterruptedException e) {
                return;
              }
              if (!(state instanceof State.Closed)) {
                attempt(factory);
              }
            });
  }

  /** Requests the engine can run at once, or 0 when it does not say. */
  private static int concurrency(Engine engine) {
    return switch (engine) {
      case TranscriptionEngine t -> t.concurrency();
      case SpeechEngine s -> s.concurrency();
      default -> 0;
    };
  }

  /** Completes when the engine is loaded or failed to load. */
  public CompletableFuture<State> loading() {
    return loading;
  }

  public Deployment deployment() {
    return deployment;
  }

  public DeploymentMetrics metrics() {
    return metrics;
  }

  public AdmissionGate gate() {
    return gate;
  }

  public State state() {
    return state;
  }

  /** The engine, or a 503 that says why there is none. */
  public Engine engine() {
    return ready().engine();
  }

  private State.Ready ready() {
    return switch (state) {
      case State.Ready r -> r;
      case State.Loading l ->
          throw ServeException.unavailable(deployment.name() + " is still loading its model", 5);
      case State.Failed f ->
          throw ServeException.unavailable(
              deployment.name() + " is not available: " + f.reason(), 30);
      case State.Closed c ->
          throw ServeException.unavailable(deployment.name() + " is shut down", 5);
    };
  }

  public List<EmbeddingEngine.Embedded> embed(
      List<EmbeddingEngine.Input> inputs, Duration timeout) {
    return await(batcher(ready().batchers().embeddings()).submit(inputs), timeout);
  }

  public List<RerankEngine.Score> rerank(List<RerankEngine.Pair> pairs, Duration timeout) {
    return await(batcher(ready().batchers().rerank()).submit(pairs), timeout);
  }

  private <I, O> Batcher<I, O> batcher(Batcher<I, O> b) {
    if (b == null) {
      throw ServeException.notFound(
          deployment.name()
              + " does not serve this task (it is a "
              + deployment.task().id()
              + " deployment)");
    }
    return b;
  }

  private static <T> T await(CompletableFuture<T> future, Duration timeout) {
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw ServeException.unavailable("request timed out after " + timeout.toMillis() + " ms", 1);
    } catch (InterruptedException e) {
      future.cancel(false);
      Thread.currentThread().interrupt();
      throw ServeException.unavailable("request interrupted", 1);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ServeException se) {
        throw se;
      }
      throw ServeException.engineFailure(
          "engine failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Closes the engine; a load in progress is interrupted (a download stops) and waited for, at most
   * {@link #LOAD_WAIT}, and closes what it loaded itself.
   */
  @Override
  public void close() {
    State last;
    synchronized (this) {
      last = state;
      state = new State.Closed();
    }
    if (last instanceof State.Ready r) {
      r.batchers().close();
      r.engine().close();
    }
    awaitLoad();
  }

  private void awaitLoad() {
    Thread t = loader;
    if (t != null) {
      t.interrupt();
    }
    try {
      if (loadLock.tryLock(LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        loadLock.unlock();
      } else {
        LOG.log(
            System.Logger.Level.WARNING,
            "deployment {0} is still loading after {1} s; closing without it",
            deployment.name(),
            LOAD_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
