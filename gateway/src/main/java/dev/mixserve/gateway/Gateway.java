package dev.mixserve.gateway;

import dev.mixserve.api.Server;
import dev.mixserve.api.Task;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.metrics.DeploymentMetrics;
import dev.mixserve.core.metrics.ServeMetrics;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.admin.AdminEndpoints;
import dev.mixserve.gateway.audio.AudioMetrics;
import dev.mixserve.gateway.cluster.Placement;
import dev.mixserve.gateway.front.Front;
import dev.mixserve.gateway.front.FrontHead;
import dev.mixserve.gateway.http.AccessLog;
import dev.mixserve.gateway.http.BodyBudget;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.ClientGone;
import dev.mixserve.gateway.http.Departures;
import dev.mixserve.gateway.http.Endpoints;
import dev.mixserve.gateway.http.ParsePool;
import dev.mixserve.gateway.http.Presented;
import dev.mixserve.gateway.http.RequestTarget;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.gateway.http.StreamCut;
import dev.mixserve.gateway.kserve.KServeEndpoints;
import dev.mixserve.gateway.upstream.ReplicaRouter;
import dev.mixserve.gateway.upstream.Replicas;
import dev.mixserve.gateway.voice.VoiceEndpoint;
import dev.mixserve.gateway.voice.VoiceMetrics;
import dev.mixserve.protocol.openai.OpenAiError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP endpoint. One catch-all handler does the routing itself, so that path prefixes, Host
 * aliases and model names are resolved against one {@link RouteTable} snapshot per request.
 */
public final class Gateway implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

  private static final io.helidon.http.HeaderName NODE =
      io.helidon.http.HeaderNames.create("X-Mixserve-Node");
  private static final io.helidon.http.HeaderName CLIENT =
      io.helidon.http.HeaderNames.create(FrontHead.CLIENT_HEADER);

  private volatile RouteTable routes;
  private volatile boolean draining;
  private volatile java.util.function.Supplier<Reload> reloader;
  private final AdminEndpoints admin;
  private final DeploymentMetrics unrouted;
  private final AudioMetrics audio;
  private final Endpoints endpoints;
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
  private final Departures departures = new Departures();
  private final BodyBudget budget;
  private volatile String node; // a worker's node, named on every answer (X-Mixserve-Node)
  private final ParsePool parsing = ParsePool.forCores(Runtime.getRuntime().availableProcessors());
  private final StreamCut streamCut = new StreamCut();
  private final ClientGone gone = new ClientGone();
  private final dev.mixserve.gateway.auth.Guard guard = dev.mixserve.gateway.auth.Guard.open();
  private final dev.mixserve.gateway.auth.KeyMetrics keyMetrics;

  public Gateway(Server settings, RouteTable routes, ServeMetrics metrics) {
    this.routes = routes;

    this.unrouted = metrics.unrouted();
    this.audio = new AudioMetrics(metrics.registry());
    this.endpoints = Protocols.endpoints(audio);
    this.admin =
        new AdminEndpoints(() -> this.routes, () -> this.replicas, metrics.registry(), endpoints);
    this.host = settings.host();
    this.voiceMetrics = new VoiceMetrics(metrics.registry());
    this.registry = metrics.registry();
    this.keyMetrics = new dev.mixserve.gateway.auth.KeyMetrics(metrics.registry());
    // The front door is the edge: it alone holds clients to the header, body and idle timeouts
    // and to one request grammar. Only a `mixserve engine` child, reached by its parent's front
    // door on loopback, goes without.
    this.frontDoor = settings.front() != Server.Front.OFF;
    this.edge = settings.edge();
    this.settingsCors = settings.cors();
    this.budget = new BodyBudget(edge.bodyMemoryBytes());
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
            .routing(HttpRouting.builder().any(this::handle))
            .build();
  }

  /** Starts listening; returns the bound port (useful with port 0). */
  public int start() {
    server.start();
    // the port is known only now; the handler's own listener is on loopback behind the front door
    voice = new VoiceEndpoint(frontDoor ? "127.0.0.1" : host, server.port(), voiceMetrics);
    if (frontDoor) {
      try {
        front =
            Front.start(
                host,
                publicPort,
                new java.net.InetSocketAddress("127.0.0.1", server.port()),
                () -> routes,
                () -> draining,
                registry,
                edge,
                settingsCors,
                departures,
                guard,
                keyMetrics,
                Runtime.getRuntime().availableProcessors());
      } catch (RuntimeException e) {
        server.stop();
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
    var f = front;
    if (f != null) {
      f.node(name);
    }
  }

  /** Where the cluster's deployments run now, for /-/plan. */
  void placement(java.util.function.Supplier<Placement> placement) {
    admin.placement(placement);
  }

  /** The replicas outside this JVM, for /-/healthz and /-/status. */
  void replicas(Replicas r) {
    this.replicas = r;
  }

  /** What POST /-/reload runs; without one the endpoint answers 404. */
  void onReload(java.util.function.Supplier<Reload> reload) {
    this.reloader = reload;
  }

  /** Swaps in a new route table; requests in flight finish on the one they started with. */
  public void publish(RouteTable next) {
    routes = next;
  }

  public RouteTable routes() {
    return routes;
  }

  /** Who may call what: the keys in it are swapped as the config or keys file changes. */
  public dev.mixserve.gateway.auth.Guard guard() {
    return guard;
  }

  private void handle(ServerRequest req, ServerResponse res) {
    long start = System.nanoTime();
    RouteTable table = routes;
    var call = new Call(req, res, "/", Call.ROOT_MAX_BODY, budget, parsing, streamCut);
    if (node != null) {
      res.header(NODE, node);
    }
    boolean close = req.headers().contains(io.helidon.http.HeaderValues.CONNECTION_CLOSE);
    String path = "/";
    try (var watch = watch(req)) {
      path = RequestTarget.openAiPrefix(RequestTarget.parse(req.path().rawPath()).path());
      call.at(path);
      expectation(req);
      if (draining) {
        close = true;
        throw ServeException.unavailable("mixserve is shutting down; retry on another replica", 5);
      }
      Optional<RouteTable.Target> target = table.resolve(req.authority(), path);
      call.access(new dev.mixserve.gateway.auth.Access(guard, Presented.key(req)));
      var refused = call.access().enter(path);
      if (refused != null) {
        // in the words of the protocol the deployment would have answered in
        target.ifPresent(t -> call.at(RequestTarget.openAiPrefix(t.rest())));
        call.refuseIf(refused);
      }
      if (path.equals("/-/reload")) {
        reload(call);
      } else if (target.isPresent()) {
        call.bind(target.get().runtime(), RequestTarget.openAiPrefix(target.get().rest()));
        serve(call, table, target.get().runtime());
      } else if (path.equals(VoiceEndpoint.PATH) && voice != null) {
        call.refuseIf(call.access().admit(null, null)); // each stage is let in on its own
        voice.handle(call, table);
      } else if (!admin.handle(call, path) && !KServeEndpoints.handle(call, table, null)) {
        serveRoot(call, table, path);
      }
    } catch (RequestTarget.Invalid e) {
      close = true;
      fail(call, ServeException.invalid("bad request target: " + e.getMessage()), path, close);
    } catch (Call.BadFraming e) {
      close = true;
      fail(call, ServeException.invalid(e.getMessage()), path, close);
    } catch (ServeException e) {
      fail(call, e, path, close);
    } catch (RuntimeException e) {
      if (ClientGone.is(e)) {
        close = true;
        gone.log(ClientGone.Kind.GONE, path, e); // nobody is left to answer
      } else {
        LOG.log(Level.ERROR, "unexpected failure on " + path, e);
        fail(call, ServeException.engineFailure("internal error: " + e, e), path, close);
      }
    } finally {
      call.release();
      var metrics = call.bound() != null ? call.bound().metrics() : unrouted;
      metrics.answered(res.status().code(), System.nanoTime() - start);
      audit(call, path, start);
    }
    if (close) {
      // Helidon answers "Connection: close" and then reads on: what the client sent after its
      // request (an unread body, a pipelined request) would run as the next one
      throw new io.helidon.webserver.CloseConnectionException("the client asked to close");
    }
  }

  /**
   * The front door answers 417 to an expectation other than 100-continue; so does the handler when
   * it takes the port itself (Helidon would ignore it).
   */
  private static void expectation(ServerRequest req) {
    var expect = req.headers().first(HeaderNames.EXPECT);
    if (expect.isPresent() && !expect.get().equalsIgnoreCase("100-continue")) {
      throw ServeException.expectationFailed("only Expect: 100-continue is understood");
    }
  }

  /** A request from the front door is stopped when its client leaves (see {@link Departures}). */
  private Departures.Watch watch(ServerRequest req) {
    if (front == null) {
      return null;
    }
    var id = req.headers().first(CLIENT);
    if (id.isEmpty()) {
      return null;
    }
    try {
      return departures.watch(Long.parseLong(id.get()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void reload(Call call) {
    if (!call.method().equals("POST")) {
      call.response().header(HeaderNames.ALLOW, "POST");
      throw ServeException.methodNotAllowed("use POST /-/reload");
    }
    var r = reloader;
    if (r == null) {
      throw ServeException.notFound(
          "this server runs the built-in config; start it with --config FILE to reload");
    }
    try {
      call.sendJson(200, r.get().json());
    } catch (IllegalArgumentException e) {
      throw ServeException.invalid("config refused, the running one stays: " + e.getMessage());
    }
  }

  private void serveRoot(Call call, RouteTable table, String path) {
    Set<Task> tasks = endpoints.rootTasks(path);
    if (tasks.isEmpty()) {
      throw ServeException.notFound(
          "no route for " + path + "; see GET /-/routes for the routes served here");
    }
    if (!call.method().equals("POST")) {
      call.response().header(HeaderNames.ALLOW, "POST");
      throw ServeException.methodNotAllowed(
          call.method() + " is not allowed on " + path + "; use POST");
    }
    DeploymentRuntime rt = table.byModel(tasks, call.model());
    call.bind(rt, path);
    serve(call, table, rt);
  }

  private void serve(Call call, RouteTable table, DeploymentRuntime rt) {
    // The body first, then a slot: a slow upload then holds memory (bounded by the body budget)
    // for as long as the front door's body timeouts allow, never a slot others wait for.
    call.body();
    if (Replicas.outside(rt.deployment())) {
      ReplicaRouter.admitAndForward(call, rt);
      return;
    }
    if (KServeEndpoints.handle(call, table, rt)) {
      return;
    }
    Task task = rt.deployment().task();
    var endpoint = endpoints.find(task, call.method(), call.path());
    if (endpoint.isEmpty()) {
      var methods = endpoints.methods(task, call.path());
      if (!methods.isEmpty()) {
        call.response().header(HeaderNames.ALLOW, String.join(", ", methods));
        throw ServeException.methodNotAllowed(
            call.method()
                + " is not allowed on "
                + call.path()
                + "; use "
                + String.join(" or ", methods));
      }
      throw ServeException.notFound(
          rt.deployment().name()
              + " has no endpoint "
              + call.path()
              + "; it serves "
              + endpoints.paths(task));
    }
    if (!endpoint.get().admitted()) {
      endpoint.get().handler().handle(call, rt);
      return;
    }
    try (var permit = rt.gate().enter(call.deadline(rt.deployment().limits().timeout()))) {
      endpoint.get().handler().handle(call, rt);
    }
  }

  /** The key's name (never the key) in the metrics and the access log. */
  private void audit(Call call, String path, long start) {
    var who =
        call.access() == null ? dev.mixserve.gateway.auth.Identity.ANYONE : call.access().who();
    int status = call.response().status().code();
    keyMetrics.answered(who, status);
    if (AccessLog.on()) {
      var d = call.bound() == null ? null : call.bound().deployment().name();
      AccessLog.line(
          call.method(), path, status, System.nanoTime() - start, who.name(), d, "handler");
    }
  }

  private void fail(Call call, ServeException e, String path, boolean close) {
    var res = call.response();
    // A stream whose output was asked for but got no byte yet can still become a JSON error.
    boolean started = res instanceof RoutingResponse r ? !r.resetStream() : res.isSent();
    if (started) {
      gone.log(ClientGone.Kind.LATE_ERROR, path, e);
      return;
    }
    try {
      res.status(e.status());
      if (close) {
        res.header(HeaderNames.CONNECTION, "close");
      }
      if (e.retryAfterSeconds() > 0) {
        res.header(HeaderNames.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
      }
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
      // a KServe path's errors are KServe's ({"error": "..."}), wherever they are raised
      boolean kserve =
          dev.mixserve.gateway.auth.Protocol.of(call.path())
              == dev.mixserve.gateway.auth.Protocol.KSERVE;
      res.send(
          kserve
              ? dev.mixserve.protocol.kserve.KServeJson.error(e.getMessage())
              : OpenAiError.body(e));
    } catch (RuntimeException sending) {
      if (!ClientGone.is(sending)) {
        throw sending;
      }
      gone.log(ClientGone.Kind.GONE, path, sending);
    }
  }

  /**
   * Stops taking new requests (they get 503 with Retry-After) and waits for those admitted to
   * finish, at most {@code timeout}; then stops listening. Streams still open shortly before the
   * deadline ({@link StreamCut#NOTICE}) end with a last chunk and an error event instead of being
   * cut off.
   */
  public void drain(java.time.Duration timeout) {
    draining = true;
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
    for (DeploymentRuntime rt : routes.all()) {
      idle &= rt.gate().awaitIdle(deadlineNanos);
    }
    return idle;
  }

  private void closeFront() {
    var f = front;
    if (f != null) {
      f.close();
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
