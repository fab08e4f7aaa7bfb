package dev.mixserve.scheduler.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lines of a Mermaid document, and the ids of the replica boxes with their colour classes. */
final class Mermaid {
  private final StringBuilder out = new StringBuilder();
  private final List<String> replicas = new ArrayList<>();
  final Map<String, List<String>> classes = new LinkedHashMap<>();

  Mermaid line(String text) {
    out.append(text).append('\n');
    return this;
  }

  /** Registers a replica box: "llm" for replica 0, "llm_1" after, in a colour class. */
  String replica(String deployment, int replica, String cssClass) {
    String id = id(replica == 0 ? deployment : deployment + "_" + replica);
    if (!cssClass.equals("refused")) {
      replicas.add(id);
    }
    classes.computeIfAbsent(cssClass, k -> new ArrayList<>()).add(id);
    return id;
  }

  List<String> replicaIds() {
    return replicas;
  }

  /** Mermaid ids: letters, digits and underscores only ('-' would read as part of an edge). */
  static String id(String raw) {
    return raw.replaceAll("[^A-Za-z0-9_]", "_");
  }

  static String esc(String label) {
    return label.replace("\"", "#quot;");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
