package dev.mixserve.bench.hostile;

import dev.mixserve.api.Edge;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The server under attack, as configured here, and what the report says about it first. */
final class Setup {
  /** No edge settings: the server holds clients to its production defaults. */
  private static final String CONFIG =
      """
      server: {host: 127.0.0.1, port: 0}
      deployments:
        - {name: echo, route: /echo, task: embedding, engine: {kind: echo}}
        - {name: bulk, route: /bulk, task: embedding, engine: {kind: echo}, limits: {max_body: 64MiB}}
        - {name: hidden, route: /hidden, task: embedding, engine: {kind: echo}}
        - name: talk
          route: /talk
          task: chat
          engine: {kind: echo}
          limits: {max_ongoing_requests: 2, max_queued_requests: 8}
        - name: slow
          route: /slow
          task: embedding
          engine: {kind: upstream, model: "http://127.0.0.1:%d"}
          replicas: 2
          health: {interval: 1s, timeout: 250ms, failures: 2}
          limits: {max_ongoing_requests: 2, max_queued_requests: 8, timeout: 20s}
      """;

  static final String RUNNING = "mixserve_replicas{deployment=\"slow\",state=\"running\"}";

  private Setup() {}

  static MixserveServer start(int upstreamPort) {
    MixserveConfig config = ConfigLoader.parse(CONFIG.formatted(upstreamPort), "hostile-bench");
    return MixserveServer.start(
        config, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()));
  }

  static void describe(PrintStream out, Duration window) {
    Edge e = Edge.DEFAULT;
    var rt = Runtime.getRuntime();
    out.printf(
        Locale.ROOT,
        "mixserve hostile bench: %d cores, java %s, max heap %.1f GiB, load %s%n",
        rt.availableProcessors(),
        Runtime.version(),
        rt.maxMemory() / (double) (1L << 30),
        load());
    out.printf(
        Locale.ROOT,
        "edge (the production defaults): header_timeout %ds, body_timeout %ds, body_min_rate"
            + " %d KiB/s, keepalive_timeout %ds, send_timeout %ds, max_connections %d, body_memory"
            + " %.2f GiB (a quarter of the heap)%n",
        e.headerTimeout().toSeconds(),
        e.bodyTimeout().toSeconds(),
        e.bodyMinRate() >> 10,
        e.keepAliveTimeout().toSeconds(),
        e.sendTimeout().toSeconds(),
        e.maxConnections(),
        e.bodyMemoryBytes() / (double) (1L << 30));
    out.printf(
        Locale.ROOT,
        "deployments: echo (the steady client's), bulk (echo, max_body 64 MiB), hidden (echo,"
            + " smuggling only), talk (echo chat, 2 slots + 8 queued), slow (upstream, 2 replicas"
            + " × 2 slots + 8 queued, health every 1 s, timeout 250 ms, 2 failures; the upstream"
            + " works one request at a time: %d ms a call, %d ms a health check)%n",
        SlowUpstream.WORK.toMillis(),
        SlowUpstream.CHECK_WORK.toMillis());
    out.printf(
        "steady client: POST /echo/v1/embeddings every %d ms on one kept-alive connection,"
            + " latency from when each was due; window %d s, or the attack's length if longer."
            + " Server, attackers and steady client share this JVM and its cores: what an attack"
            + " costs its own client (sending 320 MiB, say) is charged to the server too%n",
        Steady.INTERVAL_NANOS / 1_000_000, window.toSeconds());
  }

  /** The machine's load averages: the cores are shared, so the numbers move with it. */
  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
