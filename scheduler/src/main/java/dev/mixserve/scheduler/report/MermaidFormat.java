package dev.mixserve.scheduler.report;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Bytes;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flowchart in the seed's style (ADR-0011): clients, the endpoint, a subgraph per node (and per
 * GPU when a node has several in use) holding its replicas, KServe aliases, vendor colours.
 */
final class MermaidFormat {
  static final String ENDPOINT = "ai-inference-serve-svc";

  private MermaidFormat() {}

  static String render(MixserveConfig config, Plan plan) {
    var m = new Mermaid();
    m.line("flowchart TB");
    m.line("subgraph clients[\"🔌 Clients\"]").line("chat[\"Chat Handler\"]");
    m.line("voice[\"Voice Handler\"]").line("end");
    m.line("subgraph mixserve[\"⚡ mixserve\"]");
    m.line("endpoint[\"" + ENDPOINT + ":" + config.server().port() + "\"]");
    m.line("subgraph deployments[\"Deployments\"]").line("direction TB");
    var byNode = new LinkedHashMap<String, List<Assignment>>();
    config.nodes().forEach(n -> byNode.put(n.name(), new ArrayList<>()));
    plan.assignments()
        .forEach(a -> byNode.computeIfAbsent(a.node(), k -> new ArrayList<>()).add(a));
    byNode.forEach((node, list) -> nodeGraph(config, node, list, m));
    refused(config, plan.refusals(), m);
    m.line("end").line("end");
    Aliases.render(config, m);
    m.line("chat --> endpoint").line("voice --> endpoint");
    m.replicaIds().forEach(id -> m.line("endpoint --> " + id));
    Aliases.edges(config, m);
    Colours.render(m);
    return m.toString();
  }

  private static void nodeGraph(MixserveConfig c, String node, List<Assignment> list, Mermaid m) {
    if (list.isEmpty()) {
      return;
    }
    var byDevice = new LinkedHashMap<String, List<Assignment>>();
    list.forEach(a -> byDevice.computeIfAbsent(Boxes.deviceKey(a), k -> new ArrayList<>()).add(a));
    boolean nested = byDevice.size() > 1;
    Assignment first = list.getFirst();
    String title = nested ? node : node + " (" + Boxes.deviceTitle(first) + ")";
    m.line(
        "subgraph "
            + Mermaid.id("node_" + node)
            + "[\""
            + Boxes.emoji(first)
            + " "
            + Mermaid.esc(title)
            + "\"]");
    for (Map.Entry<String, List<Assignment>> e : byDevice.entrySet()) {
      Assignment a = e.getValue().getFirst();
      if (nested) {
        String id = Mermaid.id("node_" + node + "_" + e.getKey());
        m.line(
            "subgraph "
                + id
                + "[\""
                + Boxes.emoji(a)
                + " "
                + Mermaid.esc(Boxes.deviceTitle(a))
                + "\"]");
      }
      e.getValue().forEach(r -> replica(c, r, m));
      if (nested) {
        m.line("end");
      }
    }
    m.line("end");
  }

  private static void replica(MixserveConfig c, Assignment a, Mermaid m) {
    var d = Labels.deployment(c, a.deployment());
    String share = a.milliGpu() == 0 ? "CPU" : Bytes.share(a.milliGpu()) + " GPU";
    String id = m.replica(a.deployment(), a.replica(), Boxes.vendor(a));
    m.line(
        id
            + "[\""
            + Mermaid.esc(Labels.replica(d, a.replica()))
            + "<br/>"
            + Mermaid.esc(Labels.engine(d))
            + "<br/>"
            + share
            + "\"]");
  }

  private static void refused(MixserveConfig c, List<Refusal> refusals, Mermaid m) {
    if (refusals.isEmpty()) {
      return;
    }
    m.line("subgraph unplaced[\"⛔ Unplaced\"]");
    for (Refusal r : refusals) {
      var d = Labels.deployment(c, r.deployment());
      String id = m.replica(r.deployment(), r.replica(), "refused");
      m.line(
          id
              + "[\""
              + Mermaid.esc(Labels.replica(d, r.replica()))
              + "<br/>"
              + Mermaid.esc(r.needs())
              + "\"]");
    }
    m.line("end");
  }
}
