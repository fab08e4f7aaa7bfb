package dev.mixserve.cli;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.core.download.Downloader;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.MixserveServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One deployment served in this process: the replica that a supervising mixserve starts. */
@Command(
    name = "engine",
    description = "Serve one deployment of a config in this process, as one replica.")
final class EngineCommand implements Callable<Integer> {
  @Option(names = "--deployment", required = true, paramLabel = "NAME", description = "Which.")
  String name;

  @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: built-in).")
  Path config;

  @Option(names = "--port", paramLabel = "N", description = "Port (0 = any free port).")
  int port = 0;

  @Option(names = "--host", paramLabel = "ADDR", description = "Address to bind.")
  String host = "127.0.0.1";

  @Option(
      names = "--engine",
      paramLabel = "JSON",
      description =
          "The deployment's engine mapping (kind, model, options) in JSON or YAML, in place of the"
              + " config's: a supervisor passes what it runs after serve --llm/--whisper/--tts.")
  String engine;

  @Option(
      names = "--supervised",
      description = "Exit when stdin closes (the parent died); on by default when stdin is a pipe.")
  boolean supervised;

  @Override
  public Integer call() throws InterruptedException {
    MixserveConfig cfg;
    try {
      cfg = config == null ? defaults() : ConfigLoader.load(config);
    } catch (ConfigException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    var d = cfg.deployment(name);
    if (d.isEmpty()) {
      System.err.printf(
          "error: no deployment '%s' in %s; it has: %s%n",
          name,
          config == null ? "the built-in config" : config,
          String.join(", ", cfg.deployments().stream().map(Deployment::name).toList()));
      return 2;
    }
    Deployment deployment = d.get();
    if (engine != null) {
      try {
        deployment = deployment.withEngine(ConfigLoader.parseEngine(engine, "--engine"));
      } catch (ConfigException e) {
        System.err.println("error: " + e.getMessage());
        return 2;
      }
    }
    var served =
        new MixserveConfig(
            // A child has its own front door too: it is what sees its parent's connection close
            // when the parent's client leaves, and stops the work (a non-streamed chat writes
            // nothing before its end, so the handler alone would never notice).
            Overrides.apply(cfg, host, port).server(), List.of(), List.of(inThisJvm(deployment)));
    var stop = Shutdown.onSignals();
    MixserveServer server;
    try {
      server =
          MixserveServer.start(
              served,
              EngineRegistry.discover(),
              new EngineContext(
                  Paths.cache(), Map.of(), Downloader.fromEnvironment(Paths.cache())));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    System.out.printf("mixserve engine %s listening on http://%s:%d%n", name, host, server.port());
    server.loaded().thenRun(() -> server.runtimes().forEach(rt -> exitIfFailed(rt, stop)));
    if (supervised || StdinWatch.isPipe()) {
      StdinWatch.start(System.in, () -> stop.request(0));
    }
    return stop.await(server);
  }

  private static MixserveConfig defaults() {
    return AudioOverrides.runnableDefaults(
        ConfigLoader.defaults(), dev.mixserve.engine.audio.PocketSphinxEngine.installed());
  }

  /** The child is one replica of the deployment, with its engine loaded here. */
  static Deployment inThisJvm(Deployment d) {
    return d.withProcess(null).withReplicas(1, null);
  }

  /** A replica that cannot load its engine is no use; its exit tells the supervisor why. */
  private static void exitIfFailed(DeploymentRuntime rt, Shutdown stop) {
    if (rt.state() instanceof DeploymentRuntime.State.Failed f) {
      System.err.println("error: deployment '" + rt.deployment().name() + "': " + f.reason());
      stop.request(1);
    }
  }
}
