package dev.mixserve.core.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/** One metric name with its children, one child per label-value combination. */
public final class Family<C extends Metrics.Child> {
  private final String name;
  private final String help;
  private final String type;
  private final List<String> labelNames;
  private final Function<List<String>, C> make;
  private final Map<String, C> children = new ConcurrentSkipListMap<>();

  Family(
      String name,
      String help,
      String type,
      List<String> labelNames,
      Function<List<String>, C> make) {
    this.name = name;
    this.help = help;
    this.type = type;
    this.labelNames = labelNames;
    this.make = make;
  }

  String type() {
    return type;
  }

  List<String> labelNames() {
    return labelNames;
  }

  /** The child for these label values, created on first use. */
  public C child(String... values) {
    if (values.length != labelNames.size()) {
      throw new IllegalArgumentException(name + " takes labels " + labelNames);
    }
    var sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ",")
          .append(labelNames.get(i))
          .append("=\"")
          .append(Metrics.escape(values[i]))
          .append('"');
    }
    String key = sb.toString();
    C c = children.get(key);
    return c != null ? c : children.computeIfAbsent(key, k -> make.apply(List.of(values)));
  }

  void render(StringBuilder out) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    children.forEach((labels, child) -> child.render(out, name, labels));
  }
}
