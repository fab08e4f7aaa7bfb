package dev.mixserve.protocol.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.error.ServeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One Open Inference Protocol tensor: name, datatype, shape and its elements flattened in row-major
 * order (the protocol allows nested or flat "data"; both arrive here flat).
 */
public record Tensor(
    String name,
    String datatype,
    long[] shape,
    List<JsonNode> data,
    Map<String, JsonNode> parameters) {
  public static Tensor parse(JsonNode n, int index) {
    String where = "inputs[" + index + "]";
    if (n == null || !n.isObject()) {
      throw ServeException.invalid(
          where + " must be an object with name, datatype, shape and data");
    }
    String name = text(n, "name", where);
    String datatype = text(n, "datatype", where);
    JsonNode shapeNode = n.get("shape");
    if (shapeNode == null || !shapeNode.isArray()) {
      throw ServeException.invalid("input '" + name + "': 'shape' must be an array of integers");
    }
    long[] shape = new long[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = shapeNode.get(i);
      if (!d.isIntegralNumber() || d.asLong() < 0) {
        throw ServeException.invalid(
            "input '" + name + "': shape[" + i + "] must be an integer >= 0");
      }
      shape[i] = d.asLong();
    }
    JsonNode data = n.get("data");
    if (data == null || !data.isArray()) {
      throw ServeException.invalid("input '" + name + "': 'data' must be an array");
    }
    var flat = new ArrayList<JsonNode>();
    flatten(data, flat);
    long expected = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    if (expected != flat.size()) {
      throw ServeException.invalid(
          "input '"
              + name
              + "': shape "
              + Arrays.toString(shape)
              + " holds "
              + expected
              + " elements but data has "
              + flat.size());
    }
    var params = new java.util.LinkedHashMap<String, JsonNode>();
    if (n.has("parameters") && n.get("parameters").isObject()) {
      n.get("parameters").properties().forEach(e -> params.put(e.getKey(), e.getValue()));
    }
    return new Tensor(name, datatype, shape, List.copyOf(flat), params);
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw ServeException.invalid(where + ": '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static void flatten(JsonNode n, List<JsonNode> out) {
    if (n.isArray()) {
      n.forEach(c -> flatten(c, out));
    } else {
      out.add(n);
    }
  }

  /** The elements as strings; the datatype must be BYTES. */
  public List<String> strings() {
    if (!datatype.equals("BYTES")) {
      throw ServeException.invalid(
          "input '" + name + "' must have datatype BYTES, got " + datatype);
    }
    var out = new ArrayList<String>(data.size());
    for (JsonNode d : data) {
      if (!d.isTextual()) {
        throw ServeException.invalid("input '" + name + "' (BYTES) must hold strings, got " + d);
      }
      out.add(d.asText());
    }
    return out;
  }
}
