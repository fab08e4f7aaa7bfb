package dev.mixserve.cli;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.core.download.Downloader;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.MixserveServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the gateway and every deployment of the config (the built-in one by default). */
@Command(name = "serve", description = "Serve every deployment of a config on one port.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: built-in).")
  Path config;

  @Option(names = "--port", paramLabel = "N", description = "Port (0 = any free port).")
  Integer port;

  @Option(names = "--host", paramLabel = "ADDR", description = "Address to bind.")
  String host;

  @Option(
      names = "--node",
      paramLabel = "NAME",
      description =
          "Run as the worker for this node of the config: serve only the deployments the plan puts"
              + " on it (on the port of the node's address unless --port). Without it, this is the"
              + " head: deployments placed on nodes with an address are served by their workers.")
  String node;

  @Option(
      names = "--head",
      paramLabel = "URL",
      description =
          "With --node: follow this head's plan (its /-/plan), so that what moves to this node"
              + " when another goes down starts here. Without it the worker runs the plan of the"
              + " config as declared.")
  java.net.URI head;

  @Option(
      names = "--discovery",
      paramLabel = "static|kubernetes",
      defaultValue = "static",
      description =
          "Where the head finds its workers: the config's node addresses (static, the default), or"
              + " the EndpointSlices of their Services in this pod's namespace (kubernetes).")
  String discovery;

  @Option(
      names = "--whisper",
      paramLabel = "MODEL",
      description =
          "Serve /whisper with a GGML Whisper model (path or hf://), pocketsphinx[:DIR], or an"
              + " OpenAI-compatible server URL.")
  String whisper;

  @Option(
      names = "--tts",
      paramLabel = "ENGINE[:VOICE]",
      description = "Serve /tts with freetts or espeak-ng (optionally a default voice), or a URL.")
  String tts;

  @Option(
      names = "--llm",
      paramLabel = "GGUF",
      description = "Chat model for /llm: a GGUF file or hf://OWNER/REPO/FILE.gguf.")
  String llm;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "Require this key (Authorization: Bearer KEY, api-key or x-api-key) on every request but"
              + " the probes; it may call every deployment and the admin plane. Repeat for more"
              + " keys. Default: the environment's "
              + ApiKeys.ENV
              + ". Keys with scopes and limits: auth.keys in the config (mixserve key NAME).")
  java.util.List<String> apiKeys;

  @Option(
      names = "--access-log",
      description = "Log one line per request (logger mixserve.access): method, path, status, key.")
  boolean accessLog;

  @Override
  public Integer call() throws InterruptedException {
    if (accessLog) {
      accessLog();
    }
    MixserveConfig cfg;
    try {
      cfg = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
    } catch (ConfigException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    if (config == null) {
      cfg =
          AudioOverrides.runnableDefaults(
              cfg, dev.mixserve.engine.audio.PocketSphinxEngine.installed());
    }
    try {
      cfg = overridden(cfg);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    var role = dev.mixserve.gateway.cluster.ClusterRole.of(node);
    dev.mixserve.api.WorkerDiscovery workers;
    try {
      workers = discovery(discovery);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    // Before any engine loads: a stop that comes during the load must wait for it (see Shutdown).
    var stop = Shutdown.onSignals();
    MixserveServer server;
    try {
      server =
          MixserveServer.start(
              cfg,
              EngineRegistry.discover(),
              new EngineContext(Paths.cache(), Map.of(), Downloader.fromEnvironment(Paths.cache())),
              config,
              role,
              workers);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    if (head != null) {
      if (node == null) {
        System.err.println("error: --head is for a worker: give --node NAME too");
        server.close();
        return 2;
      }
      server.followHead(head);
    }
    System.out.println(
        "mixserve "
            + (node == null ? "" : "worker " + node + " ")
            + "listening on http://"
            + cfg.server().host()
            + ":"
            + server.port());
    dev.mixserve.gateway.Exposure.warning(cfg, server.port()).ifPresent(System.err::println);
    server.loaded().thenRun(() -> server.runtimes().forEach(ServeCommand::report));
    if (config != null) {
      watchConfig(server, config);
    }
    return stop.await(server); // SIGTERM or Ctrl-C
  }

  /** What the command line changes in a config: at start, and again in each reloaded one. */
  private MixserveConfig overridden(MixserveConfig cfg) {
    var keys = ApiKeys.given(apiKeys, System.getenv(ApiKeys.ENV));
    return ApiKeys.apply(
        AudioOverrides.apply(
            LlmOverride.apply(Overrides.apply(cfg, host, port == null ? nodePort(cfg) : port), llm),
            whisper,
            tts),
        keys);
  }

  /** The config's addresses (null), or an informer on the workers' EndpointSlices. */
  private static dev.mixserve.api.WorkerDiscovery discovery(String kind) {
    return switch (kind) {
      case "static" -> null;
      case "kubernetes" -> {
        var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().build();
        String ns = client.getNamespace() == null ? "default" : client.getNamespace();
        yield new dev.mixserve.k8s.discovery.EndpointSliceDiscovery(client, ns);
      }
      default ->
          throw new IllegalArgumentException(
              "--discovery: expected static or kubernetes, got '" + kind + "'");
    };
  }

  /** A worker listens on the port of its node's address, where the head looks for it. */
  private Integer nodePort(MixserveConfig cfg) {
    if (node == null) {
      return null;
    }
    return cfg.nodes().stream()
        .filter(n -> n.name().equals(node) && !n.address().isBlank())
        .map(n -> java.net.URI.create(n.address()).getPort())
        .filter(p -> p > 0)
        .findFirst()
        .orElse(null);
  }

  private static void report(DeploymentRuntime rt) {
    var d = rt.deployment();
    String state =
        switch (rt.state()) {
          case DeploymentRuntime.State.Ready r -> "ready   " + r.engine().card().model();
          case DeploymentRuntime.State.Failed f -> "FAILED  " + f.reason();
          case DeploymentRuntime.State.Closed c -> "stopped";
          case DeploymentRuntime.State.Loading l -> "loading";
        };
    System.out.printf(
        "  %-12s %-14s %-18s %s%n", d.route(), d.task().id(), d.engine().kind(), state);
  }

  /** The access log's lines to standard output, as they are, without JUL's two-line frame. */
  private static void accessLog() {
    var handler =
        new java.util.logging.StreamHandler(
            System.out,
            new java.util.logging.Formatter() {
              @Override
              public String format(java.util.logging.LogRecord r) {
                return r.getMessage() + System.lineSeparator();
              }
            }) {
          @Override
          public synchronized void publish(java.util.logging.LogRecord r) {
            super.publish(r);
            flush();
          }
        };
    handler.setLevel(java.util.logging.Level.ALL);
    Main.ACCESS.setUseParentHandlers(false);
    Main.ACCESS.addHandler(handler);
    Main.ACCESS.setLevel(java.util.logging.Level.FINE);
  }

  /** The file, SIGHUP and POST /-/reload all apply a new config without a restart. */
  private void watchConfig(MixserveServer server, Path file) {
    try {
      var watcher = dev.mixserve.gateway.ConfigWatcher.start(server, file, this::overridden);
      sun.misc.Signal.handle(
          new sun.misc.Signal("HUP"),
          sig ->
              Thread.ofVirtual()
                  .start(
                      () -> {
                        try {
                          System.out.println("SIGHUP: " + watcher.reload().summary());
                        } catch (IllegalArgumentException e) {
                          System.err.println(
                              "SIGHUP: config refused, the running one stays: " + e.getMessage());
                        }
                      }));
    } catch (java.io.IOException e) {
      System.err.println("warning: cannot watch " + file + " for changes: " + e.getMessage());
    }
  }
}
