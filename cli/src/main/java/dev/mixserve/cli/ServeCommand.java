package dev.mixserve.cli;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.core.download.Downloader;
import dev.mixserve.gateway.MixserveServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the gateway and every deployment of the config (the built-in one by default). */
@Command(
    name = "serve",
    description = "Serve every deployment of a config on one port (built-in config: 0.0.0.0:8000).",
    footer = {
      "",
      "Exit codes: 0 ok, 2 bad config or option, 128+N stopped by signal N (143 SIGTERM)."
    })
final class ServeCommand implements Callable<Integer> {
  private static final System.Logger LOG = System.getLogger("mixserve");

  @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: built-in).")
  Path config;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "Port, 0 for any free one (default: the port of the config's server section; 8000 in"
              + " the built-in config).")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDR",
      description =
          "Address to bind (default: the host of the config's server section; 0.0.0.0, every"
              + " interface, in the built-in config).")
  String host;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "Serve HTTPS with this PEM certificate chain (with --tls-key; re-read when it changes)."
              + " The config's server.tls does the same.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "The PEM private key of --tls-cert (PKCS#8, or PKCS#1 RSA).")
  Path tlsKey;

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
    var engines = EngineRegistry.discover();
    try {
      cfg = config == null ? ConfigLoader.defaults() : ConfigCommand.checked(config, engines);
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
              engines,
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
    LOG.log(
        System.Logger.Level.INFO,
        "mixserve "
            + (node == null ? "" : "worker " + node + " ")
            + "listening on "
            + (cfg.server().tls().on() ? "https://" : "http://")
            + cfg.server().host()
            + ":"
            + server.port()
            + " (loading "
            + server.runtimes().size()
            + " deployments)");
    dev.mixserve.gateway.Exposure.warning(cfg, server.port())
        .ifPresent(w -> LOG.log(System.Logger.Level.WARNING, w.replaceFirst("^warning: ", "")));
    server.loaded().thenRun(() -> RouteTable.log(server.runtimes()));
    if (config != null) {
      watchConfig(server, config);
    }
    return stop.await(server); // SIGTERM or Ctrl-C
  }

  /** What the command line changes in a config: at start, and again in each reloaded one. */
  private MixserveConfig overridden(MixserveConfig cfg) {
    var keys = ApiKeys.given(apiKeys, System.getenv(ApiKeys.ENV));
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (tlsCert != null) {
      cfg =
          cfg.withServer(
              cfg.server()
                  .withTls(new dev.mixserve.api.Tls(tlsCert.toString(), tlsKey.toString())));
    }
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

  /** `serve --access-log`: the access logger's lines go to the log as the others do. */
  private static void accessLog() {
    LogFormat.install();
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
                          LOG.log(
                              System.Logger.Level.INFO, "SIGHUP: " + watcher.reload().summary());
                        } catch (IllegalArgumentException e) {
                          LOG.log(
                              System.Logger.Level.WARNING,
                              "SIGHUP: config refused, the running one stays: " + e.getMessage());
                        }
                      }));
    } catch (java.io.IOException e) {
      LOG.log(
          System.Logger.Level.WARNING, "cannot watch " + file + " for changes: " + e.getMessage());
    }
  }
}
