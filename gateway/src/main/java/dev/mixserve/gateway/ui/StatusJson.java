package dev.mixserve.gateway.ui;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mixserve.controller.ReplicaView;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.core.runtime.DeploymentRuntime.State;
import dev.mixserve.gateway.admin.RoutesView;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.protocol.Json;
import dev.mixserve.scheduler.inventory.MemoryUse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The "status" event of /-/events: every deployment with its state, load and rates, and its
 * replicas; and every GPU with the memory measured in use on it ({@link GpuUseJson}). A deployment
 * run in this JVM has one replica, the engine itself; one run outside it has the replicas its
 * launcher keeps (processes, upstreams, workers).
 */
final class StatusJson {
  private StatusJson() {}

  static byte[] write(
      RouteTable table,
      List<ReplicaView> replicas,
      StatsWindow.Sample sample,
      List<MemoryUse> measured) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeNumberField("t", sample.epochMillis());
          g.writeNumberField("version", table.version());
          g.writeArrayFieldStart("deployments");
          for (DeploymentRuntime rt : ConfigOrder.of(table)) {
            deployment(g, rt, replicas, sample.rates().get(rt.deployment().name()));
          }
          g.writeEndArray();
          GpuUseJson.write(g, table, measured);
          g.writeEndObject();
        });
  }

  private static void deployment(
      JsonGenerator g, DeploymentRuntime rt, List<ReplicaView> all, Rates rates)
      throws IOException {
    var d = rt.deployment();
    String text = RoutesView.stateText(rt);
    g.writeStartObject();
    g.writeStringField("name", d.name());
    g.writeStringField("route", d.route());
    g.writeStringField("task", d.task().id());
    g.writeStringField("engine", d.engine().kind());
    g.writeStringField("model", d.engine().model());
    g.writeStringField("state", word(text));
    g.writeStringField("state_text", text);
    g.writeNumberField("in_flight", rt.gate().running());
    g.writeNumberField("queued", rt.gate().queued());
    rates(g, rates);
    g.writeArrayFieldStart("replicas");
    var own = all.stream().filter(r -> r.deployment().equals(d.name())).toList();
    if (own.isEmpty()) {
      inJvm(g, rt);
    }
    for (ReplicaView r : own) {
      g.writeStartObject();
      g.writeStringField("id", r.id());
      g.writeStringField("state", r.state().name().toLowerCase(Locale.ROOT));
      g.writeNumberField("restarts", r.restarts());
      g.writeStringField("last_error", r.lastError());
      g.writeNumberField("in_flight", r.inFlight());
      g.writeStringField("endpoint", r.endpoint() == null ? null : r.endpoint().toString());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The engine in this JVM as the deployment's one replica. */
  private static void inJvm(JsonGenerator g, DeploymentRuntime rt) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", rt.deployment().name() + "-0");
    g.writeStringField(
        "state",
        switch (rt.state()) {
          case State.Ready r -> "running";
          case State.Loading l -> "starting";
          case State.Failed f -> "failed";
          case State.Closed c -> "stopped";
        });
    g.writeNumberField("restarts", 0);
    g.writeStringField("last_error", rt.state() instanceof State.Failed f ? f.reason() : "");
    g.writeNumberField("in_flight", rt.gate().running());
    g.writeStringField("endpoint", "in-jvm");
    g.writeEndObject();
  }

  static void rates(JsonGenerator g, Rates r) throws IOException {
    if (r == null) {
      r = Rates.between(Reading.ZERO, Reading.ZERO, 1);
    }
    number(g, "requests_per_s", r.requestsPerSecond());
    number(g, "errors_per_s", r.errorsPerSecond());
    number(g, "p50_ms", r.p50() * 1000);
    number(g, "p99_ms", r.p99() * 1000);
    number(g, "tokens_per_s", r.tokensPerSecond());
    number(g, "real_time_factor", r.rtf());
    number(g, "batch_mean", r.batchMean());
  }

  /** Three significant digits are all a dashboard shows; NaN (nothing observed) is null. */
  private static void number(JsonGenerator g, String field, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)));
    }
  }

  /** "ready (2 replicas running)" → "ready", "failed: why" → "failed". */
  static String word(String stateText) {
    int end = 0;
    while (end < stateText.length() && Character.isLetter(stateText.charAt(end))) {
      end++;
    }
    return stateText.substring(0, end);
  }
}
