package dev.mixserve.gateway.front;

import dev.mixserve.core.metrics.Counter;
import dev.mixserve.core.metrics.Family;
import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.gateway.auth.Guard;
import dev.mixserve.gateway.auth.Identity;
import dev.mixserve.gateway.auth.KeyMetrics;
import dev.mixserve.gateway.http.AccessLog;
import dev.mixserve.gateway.http.Departures;
import dev.mixserve.gateway.http.RouteTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The front door on the public port: event loops (one per core) that forward plain requests for
 * replicas outside this JVM themselves, as nginx would, and hand every other connection to the
 * gateway's handler on a loopback port of its own.
 *
 * <p>Why: proxying on a virtual thread per connection parks and unparks twice per request (client
 * read, replica read), each a hand-off between the poller and a carrier thread; on 2 cores that
 * held the gateway to 0.56–0.59× nginx's throughput. A loop sees both events in one {@code
 * epoll_wait} and moves the bytes on the thread that saw them. Requests for engines in this JVM
 * take one more loopback hop, tens of microseconds against milliseconds of inference.
 */
public final class Front implements AutoCloseable {
  private final ServerSocketChannel server;
  private final List<FrontLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final InetSocketAddress inner;
  private final Supplier<RouteTable> routes;
  private final BooleanSupplier draining;
  private final java.net.URI innerUri;
  private final Counter direct;
  private final Family<Counter> handled;
  private final Family<Counter> streamed;
  private final Counter refused;
  private final dev.mixserve.api.Edge edge;
  private final Departures departures;
  private final FrontCors cors;
  private final Guard guard;
  private final KeyMetrics keyMetrics;
  private final dev.mixserve.gateway.tls.TlsCerts tls; // null: plain HTTP
  private final Handshakes handshakes; // null: plain HTTP
  private final java.util.concurrent.atomic.AtomicLong ids =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger connections =
      new java.util.concurrent.atomic.AtomicInteger();

  private Front(
      ServerSocketChannel server,
      InetSocketAddress inner,
      Supplier<RouteTable> routes,
      BooleanSupplier draining,
      Metrics metrics,
      dev.mixserve.api.Edge edge,
      dev.mixserve.api.Cors cors,
      Departures departures,
      Guard guard,
      KeyMetrics keyMetrics,
      dev.mixserve.gateway.tls.TlsCerts tls) {
    this.server = server;
    this.tls = tls;
    this.handshakes =
        tls == null ? null : new Handshakes(Runtime.getRuntime().availableProcessors());
    this.guard = guard;
    this.keyMetrics = keyMetrics;
    this.edge = edge;
    this.departures = departures;
    this.cors = new FrontCors(cors);
    this.inner = inner;
    this.innerUri = java.net.URI.create("http://127.0.0.1:" + inner.getPort());
    this.routes = routes;
    this.draining = draining;
    this.direct =
        metrics
            .counter(
                "mixserve_front_direct_total",
                "Requests the front door forwarded to a replica itself")
            .child();
    this.handled =
        metrics.counter(
            "mixserve_front_handler_total",
            "Requests the front door passed to the gateway's handler, by reason",
            "reason");
    this.streamed =
        metrics.counter(
            "mixserve_front_streamed_total",
            "Requests whose body the front door passed to the gateway's handler as it came, by"
                + " framing (chunked, or larger than it reads whole)",
            "reason");
    this.refused =
        metrics
            .counter(
                "mixserve_front_connections_refused_total",
                "Client connections answered 503 and closed because max_connections were open")
            .child();
  }

  /** Listens on {@code host:port} (0: any free port) and hands over to {@code inner}. */
  public static Front start(
      String host,
      int port,
      InetSocketAddress inner,
      Supplier<RouteTable> routes,
      BooleanSupplier draining,
      Metrics metrics,
      dev.mixserve.api.Edge edge,
      dev.mixserve.api.Cors cors,
      Departures departures,
      Guard guard,
      KeyMetrics keyMetrics,
      dev.mixserve.gateway.tls.TlsCerts tls,
      int loops) {
    try {
      var server = ServerSocketChannel.open();
      server.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(new InetSocketAddress(host, port), 1024);
      server.configureBlocking(false);
      var front =
          new Front(
              server,
              inner,
              routes,
              draining,
              metrics,
              edge,
              cors,
              departures,
              guard,
              keyMetrics,
              tls);
      for (int i = 0; i < loops; i++) {
        var loop = new FrontLoop(front, server);
        front.loops.add(loop);
        var t = Thread.ofPlatform().name("mixserve-front-" + i).daemon(true).unstarted(loop);
        front.threads.add(t);
        t.start();
      }
      return front;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    }
  }

  Handshakes handshakes() {
    return handshakes;
  }

  /** The certificates when this port speaks TLS, else null. */
  dev.mixserve.gateway.tls.TlsCerts tls() {
    return tls;
  }

  public int port() {
    return server.socket().getLocalPort();
  }

  InetSocketAddress inner() {
    return inner;
  }

  RouteTable routes() {
    return routes.get();
  }

  boolean draining() {
    return draining.getAsBoolean();
  }

  void directed() {
    direct.inc();
  }

  void handled(FrontRoute.Handoff why) {
    handled.child(why.label).inc();
  }

  void streamed(FrontRoute.Handoff why) {
    streamed.child(why.label).inc();
  }

  private volatile byte[] nodeLine;

  /** A worker's node, added to the answers of its replicas that go direct (X-Mixserve-Node). */
  public void node(String name) {
    nodeLine =
        name == null
            ? null
            : ("X-Mixserve-Node: " + name + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  byte[] nodeLine() {
    return nodeLine;
  }

  FrontCors cors() {
    return cors;
  }

  Guard guard() {
    return guard;
  }

  /** A request answered here: its key's name (never the key) in the metrics and access log. */
  void audit(FrontHead head, int status, Identity who, String deployment, long nanos) {
    keyMetrics.answered(who, status);
    AccessLog.line(head.first, head.target.path(), status, nanos, who.name(), deployment, "front");
  }

  void audit(FrontRoute.Direct d, int status) {
    keyMetrics.answered(d.who, status);
    if (AccessLog.on()) {
      String name = d.runtime.deployment().name();
      AccessLog.line(
          d.method, d.path, status, System.nanoTime() - d.start, d.who.name(), name, "direct");
    }
  }

  dev.mixserve.api.Edge edge() {
    return edge;
  }

  Departures departures() {
    return departures;
  }

  /** A name for a request passed to the handler, unique in this process. */
  long nextId() {
    return ids.incrementAndGet();
  }

  /** Whether one more client connection may be held; each taken is given back by {@link #left}. */
  boolean admit() {
    if (connections.incrementAndGet() > edge.maxConnections()) {
      connections.decrementAndGet();
      refused.inc();
      return false;
    }
    return true;
  }

  void left() {
    connections.decrementAndGet();
  }

  java.net.URI innerUri() {
    return innerUri;
  }

  /** Stops listening now; connections still open are closed. */
  @Override
  public void close() {
    FrontLoop.close(server);
    loops.forEach(FrontLoop::stop);
    if (handshakes != null) {
      handshakes.close();
    }
    for (Thread t : threads) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
