package dev.mixserve.controller.process;

import dev.mixserve.api.EngineSpec;
import java.util.List;
import java.util.Map;

/**
 * A deployment's engine as one line of JSON, for the command line of its {@code mixserve engine}
 * child. The child reads it as the config's {@code engine:} mapping (JSON is YAML), so what it runs
 * is what this process decided, after {@code serve --llm/--whisper/--tts}, and not what the config
 * file says.
 */
final class EngineJson {
  private EngineJson() {}

  static String write(EngineSpec engine) {
    var out = new StringBuilder();
    value(
        out,
        engine.options().isEmpty()
            ? Map.of("kind", engine.kind(), "model", engine.model())
            : Map.of("kind", engine.kind(), "model", engine.model(), "options", engine.options()));
    return out.toString();
  }

  private static void value(StringBuilder out, Object v) {
    switch (v) {
      case null -> out.append("null");
      case String s -> string(out, s);
      case Boolean b -> out.append(b);
      case Number n -> number(out, n);
      case Map<?, ?> m -> {
        out.append('{');
        boolean first = true;
        for (var e : new java.util.TreeMap<>(m).entrySet()) {
          out.append(first ? "" : ",");
          first = false;
          string(out, String.valueOf(e.getKey()));
          out.append(':');
          value(out, e.getValue());
        }
        out.append('}');
      }
      case List<?> l -> {
        out.append('[');
        for (int i = 0; i < l.size(); i++) {
          out.append(i == 0 ? "" : ",");
          value(out, l.get(i));
        }
        out.append(']');
      }
      default -> string(out, v.toString());
    }
  }

  private static void number(StringBuilder out, Number n) {
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("engine option value " + n + " has no JSON form");
    }
    out.append(n);
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
