package dev.mixserve.gateway.ui;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.cluster.ClusterView;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.protocol.Json;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.Target;
import java.io.IOException;

/**
 * The "cluster" event of /-/events: each node with its accelerators, each accelerator with the
 * shares the plan puts on it, the replicas refused with the scheduler's reasons, and the routes:
 * what the Cluster page draws, sent again whenever the route table changes.
 */
final class ClusterJson {
  private ClusterJson() {}

  static byte[] write(RouteTable table) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeNumberField("version", table.version());
          routes(g, table);
          if (table.cluster().isPresent()) {
            cluster(g, table.cluster().get());
          }
          g.writeEndObject();
        });
  }

  private static void routes(JsonGenerator g, RouteTable table) throws IOException {
    g.writeArrayFieldStart("routes");
    for (DeploymentRuntime rt : ConfigOrder.of(table)) {
      var d = rt.deployment();
      g.writeStartObject();
      g.writeStringField("route", d.route());
      g.writeStringField("deployment", d.name());
      g.writeStringField("task", d.task().id());
      g.writeNumberField("gpu_milli", d.resources().milliGpu());
      g.writeArrayFieldStart("aliases");
      for (String a : table.aliases(rt)) {
        g.writeString(a);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void cluster(JsonGenerator g, ClusterView view) throws IOException {
    Plan plan = view.plan();
    g.writeStringField("local_node", view.localNode());
    g.writeArrayFieldStart("nodes");
    for (Node n : view.config().nodes()) {
      node(g, n, plan);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("refusals");
    for (var r : plan.refusals()) {
      g.writeStartObject();
      g.writeStringField("deployment", r.deployment());
      g.writeNumberField("replica", r.replica());
      g.writeStringField("needs", r.needs());
      g.writeArrayFieldStart("reasons");
      for (String why : r.reasons()) {
        g.writeString(why);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("findings");
    for (var f : view.findings()) {
      g.writeString(f.toString());
    }
    g.writeEndArray();
  }

  private static void node(JsonGenerator g, Node n, Plan plan) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", n.name());
    g.writeStringField("address", n.address());
    g.writeObjectFieldStart("labels");
    for (var e : n.labels().entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("accelerators");
    for (Accelerator a : n.accelerators()) {
      accelerator(g, n, a, plan);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("cpu_replicas");
    for (Assignment a : plan.assignments()) {
      if (a.node().equals(n.name()) && a.target() instanceof Target.Cpu) {
        share(g, a);
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void accelerator(JsonGenerator g, Node n, Accelerator a, Plan plan)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("vendor", a.vendor().id());
    g.writeStringField("model", a.model());
    g.writeStringField("arch", a.arch());
    g.writeNumberField("index", a.index());
    g.writeNumberField("memory_bytes", a.memoryBytes());
    g.writeBooleanField("unified", a.unified());
    g.writeArrayFieldStart("shares");
    for (Assignment s : plan.assignments()) {
      if (s.node().equals(n.name())
          && s.target() instanceof Target.Gpu gpu
          && gpu.accelerator().equals(a)) {
        share(g, s);
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void share(JsonGenerator g, Assignment a) throws IOException {
    g.writeStartObject();
    g.writeStringField("deployment", a.deployment());
    g.writeNumberField("replica", a.replica());
    g.writeNumberField("milli_gpu", a.milliGpu());
    g.writeNumberField("memory_bytes", a.memoryBytes());
    g.writeEndObject();
  }
}
