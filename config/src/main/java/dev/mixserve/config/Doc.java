package dev.mixserve.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** A YAML node that knows where it is, so every error can name its document path and line. */
final class Doc {
  private final String source;
  private final String path;
  private final Node node;

  Doc(String source, String path, Node node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  ConfigException error(String problem) {
    int line = node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    return new ConfigException(source, path, line, problem);
  }

  /** The fields of a mapping; keys outside {@code allowed} are errors. */
  Fields fields(String... allowed) {
    if (!(node instanceof MappingNode map)) {
      throw error("expected a mapping with keys " + new TreeSet<>(List.of(allowed)));
    }
    var known = Set.of(allowed);
    var out = new LinkedHashMap<String, Doc>();
    for (var tuple : map.getValue()) {
      String key = new Doc(source, path, tuple.getKeyNode()).text();
      Doc value = new Doc(source, child(key), tuple.getValueNode());
      if (!known.isEmpty() && !known.contains(key)) {
        throw value.error("unknown key '" + key + "'; expected one of " + new TreeSet<>(known));
      }
      if (out.put(key, value) != null) {
        throw value.error("duplicate key '" + key + "'");
      }
    }
    return new Fields(this, out);
  }

  /** The node at {@code keys} below this mapping, or the deepest one of them that is there. */
  Doc at(String... keys) {
    Doc d = this;
    for (String key : keys) {
      if (!d.isMapping()) {
        return d;
      }
      Doc next = d.entries().get(key);
      if (next == null) {
        return d;
      }
      d = next;
    }
    return d;
  }

  /** A mapping of free-form string keys, e.g. labels. */
  Map<String, Doc> entries() {
    return fields().all();
  }

  List<Doc> items() {
    if (!(node instanceof SequenceNode seq)) {
      throw error("expected a list");
    }
    var out = new ArrayList<Doc>();
    for (Node n : seq.getValue()) {
      out.add(new Doc(source, path + "[" + out.size() + "]", n));
    }
    return out;
  }

  String text() {
    if (!(node instanceof ScalarNode scalar)) {
      throw error("expected a single value, not a " + kind());
    }
    return scalar.getValue();
  }

  /** Parses the scalar; an IllegalArgumentException from the parser becomes a ConfigException. */
  <T> T as(Function<String, T> parser) {
    String t = text();
    try {
      return parser.apply(t);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  int asInt() {
    return as(
        t -> {
          try {
            return Integer.parseInt(t.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, got '" + t + "'");
          }
        });
  }

  boolean asBool() {
    return as(
        t ->
            switch (t.trim()) {
              case "true" -> true;
              case "false" -> false;
              default ->
                  throw new IllegalArgumentException("expected true or false, got '" + t + "'");
            });
  }

  List<String> asStrings() {
    return items().stream().map(Doc::text).toList();
  }

  Map<String, String> asStringMap() {
    var out = new LinkedHashMap<String, String>();
    entries().forEach((k, v) -> out.put(k, v.text()));
    return out;
  }

  /** Plain Java values (String, Long, Double, Boolean, List, Map) for engine options. */
  Object plain() {
    return switch (node) {
      case ScalarNode s -> scalarValue(s);
      case SequenceNode s -> items().stream().map(Doc::plain).toList();
      case MappingNode m -> {
        var out = new LinkedHashMap<String, Object>();
        entries().forEach((k, v) -> out.put(k, v.plain()));
        yield out;
      }
      default -> throw error("unsupported YAML node");
    };
  }

  private static Object scalarValue(ScalarNode s) {
    String v = s.getValue();
    String tag = s.getTag().getValue();
    if (tag.endsWith(":int")) {
      return Long.parseLong(v);
    }
    if (tag.endsWith(":float")) {
      return Double.parseDouble(v);
    }
    if (tag.endsWith(":bool")) {
      return Boolean.parseBoolean(v);
    }
    return v;
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  private String kind() {
    return node instanceof MappingNode
        ? "mapping"
        : node instanceof SequenceNode ? "list" : "value";
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The checked fields of one mapping. */
  record Fields(Doc owner, Map<String, Doc> all) {
    Optional<Doc> opt(String key) {
      return Optional.ofNullable(all.get(key));
    }

    Doc req(String key) {
      Doc d = all.get(key);
      if (d == null) {
        throw owner.error("missing required key '" + key + "'");
      }
      return d;
    }
  }
}
