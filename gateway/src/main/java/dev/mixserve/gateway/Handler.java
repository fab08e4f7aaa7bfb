package dev.mixserve.gateway;

import dev.mixserve.api.Task;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.metrics.DeploymentMetrics;
import dev.mixserve.core.metrics.ServeMetrics;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.admin.AdminEndpoints;
import dev.mixserve.gateway.audio.AudioMetrics;
import dev.mixserve.gateway.auth.Access;
import dev.mixserve.gateway.auth.Guard;
import dev.mixserve.gateway.auth.KeyMetrics;
import dev.mixserve.gateway.cluster.Placement;
import dev.mixserve.gateway.front.FrontHead;
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
import dev.mixserve.gateway.kserve.ModelRetrieve;
import dev.mixserve.gateway.ui.UiEndpoints;
import dev.mixserve.gateway.upstream.ReplicaRouter;
import dev.mixserve.gateway.upstream.Replicas;
import dev.mixserve.gateway.voice.VoiceEndpoint;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The gateway's one catch-all handler, which does the routing itself: path prefixes, Host aliases
 * and model names are resolved against one {@link RouteTable} snapshot per request, which picks the
 * deployment and its {@link dev.mixserve.gateway.http.Endpoint}; the admin routes, reload and the
 * voice socket are served beside them. Every request's key is checked here ({@link
 * dev.mixserve.gateway.auth.Guard}: before routing for the admin plane, as each deployment is bound
 * for its scope and limits), and every error answered once, by {@link Answers}.
 */
final class Handler {
  private static final System.Logger LOG =
      System.getLogger(Gateway.class.getName()); // where log settings look

  private static final io.helidon.http.HeaderName NODE =
      io.helidon.http.HeaderNames.create("X-Mixserve-Node");
  private static final io.helidon.http.HeaderName CLIENT =
      io.helidon.http.HeaderNames.create(FrontHead.CLIENT_HEADER);

  private volatile RouteTable routes;
  private volatile boolean draining;
  private volatile Supplier<Reload> reloader;
  private volatile VoiceEndpoint voice;
  private volatile String node; // a worker's node, named on every answer (X-Mixserve-Node)
  private final AdminEndpoints admin;
  private final UiEndpoints ui;
  private final DeploymentMetrics unrouted;
  private final Endpoints endpoints;
  private final BooleanSupplier fronted; // whether requests come through the front door
  private final Departures departures;
  private final BodyBudget budget;
  private final ParsePool parsing;
  private final StreamCut streamCut;
  private final Guard guard;
  private final Answers answers;

  Handler(
      RouteTable routes,
      ServeMetrics metrics,
      Guard guard,
      KeyMetrics keys,
      Supplier<Replicas> replicas,
      BooleanSupplier fronted,
      Departures departures,
      BodyBudget budget,
      ParsePool parsing,
      StreamCut streamCut) {
    this.routes = routes;
    this.unrouted = metrics.unrouted();
    this.endpoints = Protocols.endpoints(new AudioMetrics(metrics.registry()));
    this.admin = new AdminEndpoints(() -> this.routes, replicas, metrics.registry(), endpoints);
    this.ui = new UiEndpoints(() -> this.routes, replicas, metrics.registry());
    this.fronted = fronted;
    this.departures = departures;
    this.budget = budget;
    this.parsing = parsing;
    this.streamCut = streamCut;
    this.guard = guard;
    this.answers = new Answers(keys);
  }

  RouteTable routes() {
    return routes;
  }

  /** Swaps in a new route table; requests in flight finish on the one they started with. */
  void publish(RouteTable next) {
    routes = next;
  }

  boolean draining() {
    return draining;
  }

  /** From now on every request is answered 503 with Retry-After. */
  void drain() {
    draining = true;
  }

  /** Where the cluster's deployments run now, for /-/plan. */
  void placement(Supplier<Placement> placement) {
    admin.placement(placement);
  }

  void node(String name) {
    node = name;
  }

  void voice(VoiceEndpoint v) {
    voice = v;
  }

  /** Where the dashboard measures this machine's GPU memory from. */
  void gpuProbe(dev.mixserve.scheduler.inventory.SystemProbe probe) {
    ui.gpuProbe(probe);
  }

  /** Where reloads are told, for the dashboard's Config page. */
  dev.mixserve.gateway.ui.ReloadLog reloads() {
    return ui.reloads();
  }

  /** What POST /-/reload runs; without one the endpoint answers 404. */
  void onReload(Supplier<Reload> reload) {
    reloader = reload;
  }

  void handle(ServerRequest req, ServerResponse res) {
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
      enter(call, path, target);
      if (path.equals("/-/reload")) {
        reload(call);
      } else if (target.isPresent()) {
        call.bind(target.get().runtime(), RequestTarget.openAiPrefix(target.get().rest()));
        serve(call, table, target.get().runtime());
      } else if (path.equals(VoiceEndpoint.PATH) && voice != null) {
        call.refuseIf(call.access().admit(null, null)); // each stage is let in on its own
        voice.handle(call, table);
      } else if (!admin.handle(call, path)
          && !ui.handle(call, path)
          && !ModelRetrieve.handle(call, table, null)
          && !KServeEndpoints.handle(call, table, null)) {
        serveRoot(call, table, path);
      }
    } catch (RequestTarget.Invalid e) {
      close = true;
      answers.fail(
          call, ServeException.invalid("bad request target: " + e.getMessage()), path, close);
    } catch (Call.BadFraming e) {
      close = true;
      answers.fail(call, ServeException.invalid(e.getMessage()), path, close);
    } catch (ServeException e) {
      answers.fail(call, e, path, close);
    } catch (RuntimeException e) {
      if (ClientGone.is(e)) {
        close = true;
        answers.gone(path, e); // nobody is left to answer
      } else {
        LOG.log(Level.ERROR, "unexpected failure on " + path, e);
        answers.fail(call, ServeException.engineFailure("internal error: " + e, e), path, close);
      }
    } finally {
      call.release();
      var metrics = call.bound() != null ? call.bound().metrics() : unrouted;
      metrics.answered(res.status().code(), System.nanoTime() - start);
      answers.audit(call, path, start);
    }
    if (close) {
      // Helidon answers "Connection: close" and then reads on: what the client sent after its
      // request (an unread body, a pipelined request) would run as the next one
      throw new io.helidon.webserver.CloseConnectionException("the client asked to close");
    }
  }

  /**
   * Who sent the call, by its key, and whether it may go on before any deployment is chosen (the
   * probes, the admin plane); refused in the words of the protocol its deployment would answer in.
   */
  private void enter(Call call, String path, Optional<RouteTable.Target> target) {
    call.access(new Access(guard, Presented.key(call.request())));
    var refused = call.access().enter(path);
    if (refused != null) {
      target.ifPresent(t -> call.at(RequestTarget.openAiPrefix(t.rest())));
      call.refuseIf(refused);
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
    if (!fronted.getAsBoolean()) {
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
    if (ModelRetrieve.handle(call, table, rt) || KServeEndpoints.handle(call, table, rt)) {
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
}
