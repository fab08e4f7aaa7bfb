package dev.mixserve.gateway;

import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.core.runtime.DeploymentRuntime.State;
import dev.mixserve.protocol.Json;

/** GET /-/routes: what the gateway routes where, as JSON. */
final class RoutesView {
  private RoutesView() {}

  static String stateText(State s) {
    return switch (s) {
      case State.Ready r -> "ready";
      case State.Loading l -> "loading";
      case State.Failed f -> "failed: " + f.reason();
      case State.Closed c -> "closed";
    };
  }

  static byte[] reload(Reload r) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeNumberField("version", r.version());
          for (var e :
              java.util.Map.of(
                      "added",
                      r.added(),
                      "changed",
                      r.changed(),
                      "removed",
                      r.removed(),
                      "unchanged",
                      r.unchanged(),
                      "kept_old",
                      r.kept())
                  .entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String n : e.getValue()) {
              g.writeString(n);
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        });
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
  static byte[] status(RouteTable table) {
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
          g.writeEndObject();
        });
  }

  static byte[] write(RouteTable table) {
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
            g.writeStringField("state", stateText(r.state()));
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
            for (String p : Endpoints.paths(d.task())) {
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
