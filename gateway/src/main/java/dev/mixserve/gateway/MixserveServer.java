package dev.mixserve.gateway;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.core.metrics.ServeMetrics;
import dev.mixserve.core.runtime.DeploymentRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A whole server: every deployment of a config loaded in this JVM, behind one gateway. */
public final class MixserveServer implements AutoCloseable {
  private final Gateway gateway;
  private final List<DeploymentRuntime> runtimes;
  private final CompletableFuture<Void> loaded;

  private MixserveServer(
      Gateway gateway, List<DeploymentRuntime> runtimes, CompletableFuture<Void> loaded) {
    this.gateway = gateway;
    this.runtimes = runtimes;
    this.loaded = loaded;
  }

  /**
   * Checks every engine kind, starts the gateway, and loads engines in the background. Throws
   * IllegalArgumentException for a deployment whose engine kind or task does not exist.
   */
  public static MixserveServer start(
      MixserveConfig config, EngineRegistry engines, EngineContext context) {
    for (Deployment d : config.deployments()) {
      var f = engines.factories().get(d.engine().kind());
      if (f == null || !f.tasks().contains(d.task())) {
        throw new IllegalArgumentException(
            "deployment '"
                + d.name()
                + "': engine '"
                + d.engine().kind()
                + "' "
                + (f == null
                    ? "is unknown; known: " + engines.factories().keySet()
                    : "does not do " + d.task().id() + "; it does " + f.tasks()));
      }
    }
    var metrics = new ServeMetrics(new Metrics());
    var runtimes = new ArrayList<DeploymentRuntime>();
    var loads = new ArrayList<CompletableFuture<?>>();
    for (Deployment d : config.deployments()) {
      var rt = new DeploymentRuntime(d, metrics.forDeployment(d.name()));
      runtimes.add(rt);
      loads.add(rt.load(() -> engines.create(d, context)));
      GateMetrics.register(metrics.registry(), rt);
    }
    var gateway =
        new Gateway(config.server(), new RouteTable(runtimes, config.server(), 1), metrics);
    gateway.start();
    return new MixserveServer(
        gateway,
        List.copyOf(runtimes),
        CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)));
  }

  public int port() {
    return gateway.port();
  }

  public Gateway gateway() {
    return gateway;
  }

  public List<DeploymentRuntime> runtimes() {
    return runtimes;
  }

  /** Completes when every engine is loaded or has failed to load. */
  public CompletableFuture<Void> loaded() {
    return loaded;
  }

  /** Finishes admitted requests (at most {@code timeout}), then closes everything. */
  public void shutdown(java.time.Duration timeout) {
    gateway.drain(timeout);
    close();
  }

  @Override
  public void close() {
    gateway.close();
    for (int i = runtimes.size() - 1; i >= 0; i--) {
      runtimes.get(i).close();
    }
  }
}
