package dev.mixserve.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the API server's structural schema check would say of an object, as far as the CRD's schema
 * goes: unknown fields (the API server drops them silently, which hides a typo), missing required
 * fields and values of the wrong type. No API server can be had here.
 */
final class SchemaCheck {
  private SchemaCheck() {}

  /** Each problem as "path: what", empty when the object fits. */
  static List<String> problems(JSONSchemaProps schema, Object value) {
    var out = new ArrayList<String>();
    check(schema, value, "", out);
    return out;
  }

  private static void check(JSONSchemaProps s, Object v, String path, List<String> out) {
    if (Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields()) && s.getType() == null) {
      return; // free-form: a count or a mapping, engine options
    }
    switch (s.getType() == null ? "" : s.getType()) {
      case "object" -> object(s, v, path, out);
      case "array" -> {
        if (!(v instanceof List<?> items)) {
          out.add(path + ": expected a list");
          return;
        }
        for (int i = 0; i < items.size(); i++) {
          check(s.getItems().getSchema(), items.get(i), path + "[" + i + "]", out);
        }
      }
      case "string" -> expect(v instanceof String, path, "a string", out);
      case "integer" -> expect(v instanceof Integer || v instanceof Long, path, "an integer", out);
      case "number" -> expect(v instanceof Number, path, "a number", out);
      case "boolean" -> expect(v instanceof Boolean, path, "true or false", out);
      default -> {}
    }
  }

  private static void object(JSONSchemaProps s, Object v, String path, List<String> out) {
    if (!(v instanceof Map<?, ?> map)) {
      out.add(path + ": expected a mapping");
      return;
    }
    for (String key : s.getRequired()) {
      expect(map.containsKey(key), path + "." + key, "present (required)", out);
    }
    var extra = s.getAdditionalProperties();
    for (var e : map.entrySet()) {
      String at = path + "." + e.getKey();
      JSONSchemaProps p = s.getProperties().get(String.valueOf(e.getKey()));
      if (p != null) {
        check(p, e.getValue(), at, out);
      } else if (extra != null && extra.getSchema() != null) {
        check(extra.getSchema(), e.getValue(), at, out);
      } else if (!Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields())) {
        out.add(at + ": not a field of the schema");
      }
    }
  }

  private static void expect(boolean ok, String path, String what, List<String> out) {
    if (!ok) {
      out.add(path + ": expected " + what);
    }
  }
}
