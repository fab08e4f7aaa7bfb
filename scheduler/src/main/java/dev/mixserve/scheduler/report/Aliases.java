package dev.mixserve.scheduler.report;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import java.util.ArrayList;
import java.util.List;

/** The KServe compatibility layer: NAME-predictor.NS names that reach the endpoint. */
final class Aliases {
  private Aliases() {}

  static List<String> of(MixserveConfig c) {
    var out = new ArrayList<String>();
    for (Deployment d : c.deployments()) {
      if (c.server().defaultAliases()) {
        out.add(d.name() + "-predictor." + c.server().aliasNamespace());
      }
      out.addAll(d.aliases());
    }
    return out;
  }

  static void render(MixserveConfig c, Mermaid m) {
    var aliases = of(c);
    if (aliases.isEmpty()) {
      return;
    }
    m.line("subgraph kserve[\"🎯 KServe Compatibility Layer\"]").line("direction TB");
    for (int i = 0; i < aliases.size(); i++) {
      m.line("svc" + (i + 1) + "[\"" + Mermaid.esc(aliases.get(i)) + "\"]");
      m.classes.computeIfAbsent("kserve", k -> new ArrayList<>()).add("svc" + (i + 1));
    }
    m.line("end");
  }

  static void edges(MixserveConfig c, Mermaid m) {
    for (int i = 0; i < of(c).size(); i++) {
      m.line("svc" + (i + 1) + " -->|\"ExternalName\"| endpoint");
    }
  }
}
