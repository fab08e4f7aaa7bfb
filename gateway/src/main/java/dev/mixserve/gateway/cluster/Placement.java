package dev.mixserve.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.protocol.Json;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a cluster's deployments run: a replica per entry of {@code placed}, the deployments the
 * scheduler refused with its reason, and the nodes counted out because they stopped answering. The
 * head makes it ({@link Planner}) and serves it at /-/plan; a worker that follows a head runs what
 * it places on its node.
 *
 * @param placed one (deployment, node) per replica
 * @param refused deployment → why the scheduler placed none of it
 * @param down nodes left out of the plan, as they stopped answering
 */
public record Placement(List<Placed> placed, Map<String, String> refused, Set<String> down) {
  /** One replica of a deployment on a node. */
  public record Placed(String deployment, String node) {}

  public Placement {
    placed = List.copyOf(placed);
    refused = Map.copyOf(refused);
    down = Set.copyOf(down);
  }

  /** The scheduler's plan of the config as declared, every node up. */
  static Placement declared(MixserveConfig config) {
    return of(
        Scheduler.plan(config.nodes(), config.deployments(), List.of(), ScheduleOptions.DEFAULT),
        Set.of());
  }

  static Placement of(Plan plan, Set<String> down) {
    var placed =
        plan.assignments().stream().map(a -> new Placed(a.deployment(), a.node())).toList();
    var refused = new LinkedHashMap<String, String>();
    String prefix =
        down.isEmpty() ? "" : "nodes down: " + String.join(", ", new TreeSet<>(down)) + "; ";
    for (var r : plan.refusals()) {
      refused.putIfAbsent(
          r.deployment(), prefix + r.needs() + "; " + String.join("; ", r.reasons()));
    }
    return new Placement(placed, refused, down);
  }

  /** Replicas of {@code deployment} placed on {@code node}. */
  long on(String deployment, String node) {
    return placed.stream()
        .filter(p -> p.deployment().equals(deployment) && p.node().equals(node))
        .count();
  }

  /** Nodes {@code deployment} is placed on, in the order of its replicas. */
  List<String> nodes(String deployment) {
    return placed.stream()
        .filter(p -> p.deployment().equals(deployment))
        .map(Placed::node)
        .distinct()
        .toList();
  }

  public byte[] json() {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("placed");
          for (Placed p : placed) {
            g.writeStartObject();
            g.writeStringField("deployment", p.deployment());
            g.writeStringField("node", p.node());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeObjectFieldStart("refused");
          for (var e : refused.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
          }
          g.writeEndObject();
          g.writeArrayFieldStart("down");
          for (String n : new TreeSet<>(down)) {
            g.writeString(n);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  static Placement parse(byte[] json) {
    JsonNode root = Json.object(json);
    var placed = new ArrayList<Placed>();
    root.path("placed")
        .forEach(
            p -> placed.add(new Placed(p.path("deployment").asText(), p.path("node").asText())));
    var refused = new LinkedHashMap<String, String>();
    root.path("refused").properties().forEach(e -> refused.put(e.getKey(), e.getValue().asText()));
    var down = new TreeSet<String>();
    root.path("down").forEach(n -> down.add(n.asText()));
    return new Placement(placed, refused, down);
  }
}
