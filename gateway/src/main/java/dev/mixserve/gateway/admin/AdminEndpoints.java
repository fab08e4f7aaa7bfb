package dev.mixserve.gateway.admin;

import dev.mixserve.core.metrics.Metrics;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.core.runtime.DeploymentRuntime.State;
import dev.mixserve.gateway.cluster.Placement;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.Endpoints;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.gateway.upstream.Replicas;
import dev.mixserve.protocol.Json;
import dev.mixserve.protocol.openai.ModelList;
import io.helidon.http.HeaderNames;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * /-/healthz (liveness: the process answers), /-/ready (readiness: nothing is still loading or
 * starting), /-/routes, /-/status, /metrics and the root /v1/models.
 */
public final class AdminEndpoints {
  private static final long STARTED = System.currentTimeMillis() / 1000;

  /**
   * For this long after start, a deployment whose replicas outside the JVM fail is still starting
   * (workers come up after their head); after it, such a deployment no longer holds back readiness:
   * its route answers 503 with the reason, the rest of the endpoint serves.
   */
  private static final long YOUNG_SECONDS = 120;

  private final Supplier<RouteTable> routes;
  private final Supplier<Replicas> replicas;
  private final Metrics metrics;
  private final Endpoints endpoints;
  private volatile Supplier<Placement> placement = () -> null;

  public AdminEndpoints(
      Supplier<RouteTable> routes,
      Supplier<Replicas> replicas,
      Metrics metrics,
      Endpoints endpoints) {
    this.endpoints = endpoints;
    this.routes = routes;
    this.replicas = replicas;
    this.metrics = metrics;
  }

  /** Handles the call if its path is an admin path; false otherwise. */
  public boolean handle(Call call, String path) {
    Runnable action =
        switch (path) {
          case "/-/healthz" -> () -> call.sendJson(200, health());
          case "/-/ready" -> () -> ready(call);
          case "/-/plan" -> () -> plan(call);
          case "/-/routes" -> () -> call.sendJson(200, RoutesView.write(routes.get(), endpoints));
          case "/-/status" -> () -> call.sendJson(200, RoutesView.status(routes.get(), views()));
          case "/metrics" -> () -> scrape(call);
          case "/v1/models" -> () -> call.sendJson(200, models(visible(call)));
          default -> null;
        };
    if (action == null) {
      return false;
    }
    if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
      call.response().header(HeaderNames.ALLOW, "GET, HEAD");
      throw dev.mixserve.api.error.ServeException.methodNotAllowed(
          call.method() + " is not allowed on " + path + "; use GET");
    }
    action.run();
    return true;
  }

  /** The deployments the call's key may call: a key learns nothing of the others. */
  private List<DeploymentRuntime> visible(Call call) {
    var all = routes.get().all();
    if (call.access() == null) {
      return all;
    }
    var who = call.access().who();
    return all.stream()
        .filter(rt -> who.reaches(rt.deployment().name(), rt.deployment().route()))
        .toList();
  }

  public void placement(Supplier<Placement> p) {
    this.placement = p;
  }

  /** Where every deployment of the cluster runs now: what workers that follow this head run. */
  private void plan(Call call) {
    var p = placement.get();
    if (p == null) {
      throw dev.mixserve.api.error.ServeException.notFound("this server has no plan yet");
    }
    call.sendJson(200, p.json());
  }

  public static void deploymentModels(Call call, DeploymentRuntime rt) {
    call.sendJson(200, models(List.of(rt)));
  }

  /** Prometheus text 0.0.4, or OpenMetrics when the scraper's Accept asks for it. */
  private void scrape(Call call) {
    var s = metrics.scrape(call.request().headers().first(HeaderNames.ACCEPT).orElse(null));
    call.response().header(HeaderNames.CONTENT_TYPE, s.contentType());
    call.response().send(s.body());
  }

  private java.util.List<dev.mixserve.controller.ReplicaView> views() {
    var r = replicas.get();
    return r == null ? java.util.List.of() : r.views();
  }

  private byte[] health() {
    var all = routes.get().all();
    var r = replicas.get();
    String controller = r == null ? null : r.degraded();
    boolean degraded = controller != null || all.stream().anyMatch(rt -> !RoutesView.serving(rt));
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("status", degraded ? "degraded" : "ok");
          g.writeStringField("controller", controller == null ? "ok" : controller);
          g.writeObjectFieldStart("deployments");
          for (DeploymentRuntime rt : all) {
            g.writeStringField(rt.deployment().name(), RoutesView.stateText(rt));
          }
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /**
   * 200 once no deployment is still loading or waiting for its first replica; 503 before, with each
   * deployment's state. A deployment that failed is settled: its route answers 503 with the reason,
   * and the rest of the endpoint serves, so it does not hold back readiness.
   */
  private void ready(Call call) {
    var all = routes.get().all();
    boolean young = System.currentTimeMillis() / 1000 - STARTED < YOUNG_SECONDS;
    boolean ready = all.stream().allMatch(rt -> RoutesView.settled(rt, young));
    call.sendJson(
        ready ? 200 : 503,
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("status", ready ? "ready" : "starting");
              g.writeObjectFieldStart("deployments");
              for (DeploymentRuntime rt : all) {
                g.writeStringField(rt.deployment().name(), RoutesView.stateText(rt));
              }
              g.writeEndObject();
              g.writeEndObject();
            }));
  }

  static byte[] models(List<DeploymentRuntime> runtimes) {
    var entries =
        runtimes.stream()
            .map(
                r -> {
                  var d = r.deployment();
                  var card = r.state() instanceof State.Ready ready ? ready.engine().card() : null;
                  return new ModelList.Entry(
                      d.name(),
                      d.task().id(),
                      d.engine().kind(),
                      card != null ? card.model() : d.engine().model(),
                      d.route(),
                      card != null ? card.description() : "",
                      card != null,
                      RoutesView.stateText(r),
                      card != null ? card.details() : Map.of());
                })
            .toList();
    return ModelList.write(entries, STARTED);
  }
}
