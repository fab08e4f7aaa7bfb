package dev.mixserve.gateway;

import dev.mixserve.api.Server;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.metrics.ServeMetrics;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.auth.Guard;
import dev.mixserve.gateway.auth.KeyMetrics;
import dev.mixserve.gateway.cluster.Placement;
import dev.mixserve.gateway.front.Front;
import dev.mixserve.gateway.http.BodyBudget;
import dev.mixserve.gateway.http.Departures;
import dev.mixserve.gateway.http.ParsePool;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.gateway.http.StreamCut;
import dev.mixserve.gateway.upstream.Replicas;
import dev.mixserve.gateway.voice.VoiceEndpoint;
import dev.mixserve.gateway.voice.VoiceMetrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/**
 * The HTTP endpoint: the {@link Front} door on the public port and, behind it on loopback, a
 * Helidon server whose one catch-all {@link Handler} does the routing itself; how they start, drain
 * and stop.
 */
public final class Gateway implements AutoCloseable {
  private final Handler handler;
  private final WebServer server;
  private final String host;
  private final VoiceMetrics voiceMetrics;
  private volatile VoiceEndpoint voice;
  private volatile Replicas replicas;
  private final boolean frontDoor;
  private final int publicPort;
  private volatile Front front;
  private final dev.mixserve.core.metrics.Metrics registry;
  private final dev.mixserve.api.Edge edge;
  private final dev.mixserve.api.Cors settingsCors;
  private final dev.mixserve.api.Tls settingsTls;
  private dev.mixserve.gateway.tls.TlsCerts tls;
  private final Departures departures = new Departures();
  private volatile String node; // a worker's node, named on every answer (X-Mixserve-Node)
  private final ParsePool parsing = ParsePool.forCores(Runtime.getRuntime().availableProcessors());
  private final StreamCut streamCut = new StreamCut();
  private final Guard guard = Guard.open();
  private final KeyMetrics keyMetrics;

  public Gateway(Server settings, RouteTable routes, ServeMetrics metrics) {
    this.keyMetrics = new KeyMetrics(metrics.registry());
    this.handler =
        new Handler(
            routes,
            metrics,
            guard,
            keyMetrics,
            () -> replicas,
            () -> front != null,
            departures,
            new BodyBudget(settings.edge().bodyMemoryBytes()),
            parsing,
            streamCut);
    this.host = settings.host();
    this.voiceMetrics = new VoiceMetrics(metrics.registry());
    this.registry = metrics.registry();
    // The front door is the edge: it alone holds clients to the header, body and idle timeouts
    // and to one request grammar. Only a `mixserve engine` child, reached by its parent's front
    // door on loopback, goes without.
    this.frontDoor = settings.front() != Server.Front.OFF;
    this.edge = settings.edge();
    this.settingsCors = settings.cors();
    this.settingsTls = settings.tls();
    this.publicPort = settings.port();
    this.server =
        WebServer.builder()
            .host(frontDoor ? "127.0.0.1" : settings.host())
            .port(frontDoor ? 0 : settings.port())
            .shutdownHook(false)
            // streamed audio goes out in several writes; without this, Nagle's algorithm held
            // them for the client's delayed ACK (~40 ms a response in the audio benchmark)
            .connectionOptions(
                io.helidon.common.socket.SocketOptions.builder().tcpNoDelay(true).build())
            .routing(HttpRouting.builder().any(handler::handle))
            .build();
  }

  /** Starts listening; returns the bound port (useful with port 0). */
  public int start() {
    server.start();
    // the port is known only now; the handler's own listener is on loopback behind the front door
    voice = new VoiceEndpoint(frontDoor ? "127.0.0.1" : host, server.port(), voiceMetrics);
    handler.voice(voice);
    if (frontDoor) {
      try {
        tls = settingsTls.on() ? dev.mixserve.gateway.tls.TlsCerts.open(settingsTls) : null;
        front =
            Front.start(
                host,
                publicPort,
                new java.net.InetSocketAddress("127.0.0.1", server.port()),
                handler::routes,
                handler::draining,
                registry,
                edge,
                settingsCors,
                departures,
                guard,
                keyMetrics,
                tls,
                Runtime.getRuntime().availableProcessors());
      } catch (RuntimeException e) {
        server.stop();
        if (tls != null) {
          tls.close();
        }
        throw e;
      }
      front.node(node);
    }
    return port();
  }

  public int port() {
    var f = front;
    return f != null ? f.port() : server.port();
  }

  /** A worker names its node on every answer, so that a client (or a test) sees who served it. */
  void node(String name) {
    this.node = name;
    handler.node(name);
    var f = front;
    if (f != null) {
      f.node(name);
    }
  }

  /** Where the cluster's deployments run now, for /-/plan. */
  void placement(java.util.function.Supplier<Placement> placement) {
    handler.placement(placement);
  }

  /** The replicas outside this JVM, for /-/healthz and /-/status. */
  void replicas(Replicas r) {
    this.replicas = r;
  }

  /** Where the dashboard measures this machine's GPU memory from. */
  void gpuProbe(dev.mixserve.scheduler.inventory.SystemProbe probe) {
    handler.gpuProbe(probe);
  }

  /** Where reloads are told, for the dashboard's Config page. */
  public dev.mixserve.gateway.ui.ReloadLog reloads() {
    return handler.reloads();
  }

  /** What POST /-/reload runs; without one the endpoint answers 404. */
  void onReload(java.util.function.Supplier<Reload> reload) {
    handler.onReload(reload);
  }

  /** Swaps in a new route table; requests in flight finish on the one they started with. */
  public void publish(RouteTable next) {
    handler.publish(next);
  }

  public RouteTable routes() {
    return handler.routes();
  }

  /** Who may call what: the keys in it are swapped as the config or keys file changes. */
  public Guard guard() {
    return guard;
  }

  /**
   * Stops taking new requests (they get 503 with Retry-After) and waits for those admitted to
   * finish, at most {@code timeout}; then stops listening. Streams still open shortly before the
   * deadline ({@link StreamCut#NOTICE}) end with a last chunk and an error event instead of being
   * cut off.
   */
  public void drain(java.time.Duration timeout) {
    handler.drain();
    long end = System.nanoTime() + timeout.toNanos();
    long notice = Math.min(StreamCut.NOTICE.toNanos(), timeout.toNanos() / 2);
    if (!awaitIdle(end - notice)) {
      streamCut.cut(
          ServeException.unavailable(
              "mixserve is shutting down and could not finish this answer in time; it is"
                  + " incomplete: retry on another replica",
              5));
      awaitIdle(end);
    }
    server.stop();
    closeFront();
  }

  private boolean awaitIdle(long deadlineNanos) {
    boolean idle = true;
    for (DeploymentRuntime rt : handler.routes().all()) {
      idle &= rt.gate().awaitIdle(deadlineNanos);
    }
    return idle;
  }

  private void closeFront() {
    var f = front;
    if (f != null) {
      f.close();
    }
    if (tls != null) {
      tls.close();
    }
  }

  @Override
  public void close() {
    server.stop();
    closeFront();
    parsing.close();
    if (voice != null) {
      voice.close();
    }
  }
}
