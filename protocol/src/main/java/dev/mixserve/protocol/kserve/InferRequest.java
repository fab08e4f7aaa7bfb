package dev.mixserve.protocol.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.error.ServeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * POST /v2/models/{name}/infer.
 *
 * @param outputs the output names asked for; empty means all
 */
public record InferRequest(
    Optional<String> id,
    Map<String, JsonNode> parameters,
    List<Tensor> inputs,
    List<String> outputs) {
  public static InferRequest parse(JsonNode body) {
    JsonNode inputs = body.get("inputs");
    if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
      throw ServeException.invalid("'inputs' must be a non-empty array of tensors");
    }
    var tensors = new ArrayList<Tensor>();
    for (int i = 0; i < inputs.size(); i++) {
      tensors.add(Tensor.parse(inputs.get(i), i));
    }
    var outs = new ArrayList<String>();
    JsonNode outputs = body.get("outputs");
    if (outputs != null && !outputs.isNull()) {
      if (!outputs.isArray()) {
        throw ServeException.invalid("'outputs' must be an array of {\"name\": ...} objects");
      }
      for (JsonNode o : outputs) {
        if (!o.isObject() || !o.path("name").isTextual()) {
          throw ServeException.invalid("each of 'outputs' must be an object with a 'name' string");
        }
        outs.add(o.get("name").asText());
      }
    }
    var params = new LinkedHashMap<String, JsonNode>();
    if (body.has("parameters") && body.get("parameters").isObject()) {
      body.get("parameters").properties().forEach(e -> params.put(e.getKey(), e.getValue()));
    }
    JsonNode id = body.get("id");
    if (id != null && !id.isNull() && !id.isTextual()) {
      throw ServeException.invalid("'id' must be a string");
    }
    return new InferRequest(
        id == null || id.isNull() ? Optional.empty() : Optional.of(id.asText()),
        params,
        tensors,
        outs);
  }

  public Tensor input(String name) {
    return inputs.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                ServeException.invalid(
                    "missing input '"
                        + name
                        + "'; got "
                        + inputs.stream().map(Tensor::name).toList()));
  }

  public boolean wants(String output) {
    return outputs.isEmpty() || outputs.contains(output);
  }

  public boolean flag(String parameter) {
    JsonNode v = parameters.get(parameter);
    return v != null && v.asBoolean(false);
  }
}
