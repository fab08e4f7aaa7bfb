package dev.mixserve.gateway.admin;

import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.core.runtime.DeploymentRuntime.State;
import dev.mixserve.gateway.cluster.ClusterView;
import dev.mixserve.gateway.http.Endpoints;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.gateway.upstream.ReplicaEngine;
import dev.mixserve.protocol.Json;

/** GET /-/routes: what the gateway routes where, as JSON. */
public final class RoutesView {
  private RoutesView() {}

  /**
   * The state of a deployment; for replicas outside this JVM, how many run (a deployment that may
   * scale to zero is idle, not broken, with none).
   */
  static String stateText(DeploymentRuntime rt) {
    if (rt.state() instanceof State.Ready r && r.engine() instanceof ReplicaEngine e) {
      int n = e.pool().snapshot().members().size();
      if (n > 0) {
        return "ready (" + n + (n == 1 ? " replica" : " replicas") + " running)";
      }
      if (scalesToZero(rt)) {
        return "idle (scaled to zero)";
      }
      return e.whyNone().map(why -> "failing: " + why).orElse("starting (no replica running yet)");
    }
    return stateText(rt.state());
  }

  /** Whether it can answer now, or at least is meant to be without replicas. */
  static boolean serving(DeploymentRuntime rt) {
    if (rt.state() instanceof State.Ready r && r.engine() instanceof ReplicaEngine e) {
      return !e.pool().snapshot().members().isEmpty() || scalesToZero(rt);
    }
    return rt.state() instanceof State.Ready;
  }

  /**
   * Whether it has come to rest: serving, or failed with a reason its route gives. Replicas outside
   * the JVM that fail while this process is young are still starting: a head up before its workers
   * sees them refuse connections for a while.
   */
  static boolean settled(DeploymentRuntime rt, boolean young) {
    return switch (rt.state()) {
      case State.Loading l -> false;
      case State.Ready r when r.engine() instanceof ReplicaEngine e ->
          serving(rt) || !young && e.whyNone().isPresent();
      default -> true;
    };
  }

  private static boolean scalesToZero(DeploymentRuntime rt) {
    var a = rt.deployment().autoscaling();
    return a != null && a.min() == 0 || rt.deployment().replicas() == 0;
  }

  static String stateText(State s) {
    return switch (s) {
      case State.Ready r -> "ready";
      case State.Loading l -> "loading";
      case State.Failed f -> "failed: " + f.reason();
      case State.Closed c -> "closed";
    };
  }

  /** Where the scheduler put the deployment's replicas, or why it could not. */
  private static void writePlacement(
      com.fasterxml.jackson.core.JsonGenerator g, RouteTable table, String name)
      throws java.io.IOException {
    if (table.cluster().isEmpty()) {
      return;
    }
    var plan = table.cluster().get().plan();
    g.writeArrayFieldStart("placement");
    for (var a : plan.of(name)) {
      g.writeStartObject();
      g.writeNumberField("replica", a.replica());
      g.writeStringField("node", a.node());
      g.writeNumberField("gpu_milli", a.milliGpu());
      g.writeNumberField("memory_budget_bytes", a.memoryBytes());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("unplaced");
    for (var r : plan.refusals()) {
      if (r.deployment().equals(name)) {
        g.writeStartObject();
        g.writeNumberField("replica", r.replica());
        g.writeStringField("needs", r.needs());
        g.writeArrayFieldStart("reasons");
        for (String reason : r.reasons()) {
          g.writeString(reason);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  /** GET /-/status: the nodes, the placement plan and what detection found. */
  static byte[] status(
      RouteTable table, java.util.List<dev.mixserve.controller.ReplicaView> replicas) {
    var cluster = table.cluster();
    String plan = cluster.map(ClusterView::planJson).orElse("null");
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeNumberField("version", table.version());
          g.writeStringField("local_node", cluster.map(ClusterView::localNode).orElse(""));
          g.writeFieldName("plan");
          g.writeRawValue(plan);
          g.writeArrayFieldStart("findings");
          for (var f : cluster.map(ClusterView::findings).orElse(java.util.List.of())) {
            g.writeString(f.toString());
          }
          g.writeEndArray();
          g.writeArrayFieldStart("replicas");
          for (var r : replicas) {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            g.writeStringField("deployment", r.deployment());
            g.writeStringField("state", r.state().name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("endpoint", r.endpoint() == null ? null : r.endpoint().toString());
            g.writeNumberField("restarts", r.restarts());
            g.writeNumberField("in_flight", r.inFlight());
            g.writeStringField("last_error", r.lastError());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  static byte[] write(RouteTable table, Endpoints endpoints) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeNumberField("version", table.version());
          g.writeArrayFieldStart("routes");
          for (DeploymentRuntime r : table.all()) {
            var d = r.deployment();
            g.writeStartObject();
            g.writeStringField("route", d.route());
            g.writeStringField("deployment", d.name());
            g.writeStringField("task", d.task().id());
            g.writeStringField("engine", d.engine().kind());
            g.writeStringField("model", d.engine().model());
            g.writeStringField("state", stateText(r));
            g.writeNumberField("replicas", d.replicas());
            g.writeNumberField("gpu_milli", d.resources().milliGpu());
            g.writeNumberField("memory_bytes", d.resources().memoryBytes());
            g.writeNumberField("in_flight", r.gate().running());
            g.writeNumberField("queued", r.gate().queued());
            g.writeArrayFieldStart("aliases");
            for (String a : table.aliases(r)) {
              g.writeString(a);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("model_names");
            for (String m : d.modelNames()) {
              g.writeString(m);
            }
            g.writeEndArray();
            writePlacement(g, table, d.name());
            g.writeArrayFieldStart("endpoints");
            for (String p : endpoints.paths(d.task())) {
              g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
