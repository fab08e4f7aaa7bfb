package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.engine.EmbeddingEngine.Input;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * POST /v1/embeddings.
 *
 * @param model the model asked for, if any
 * @param inputs texts or token arrays, in request order
 * @param base64 encoding_format base64 (little-endian float32) instead of float arrays
 * @param dimensions requested vector length, if any
 */
public record EmbeddingsRequest(
    Optional<String> model, List<Input> inputs, boolean base64, Optional<Integer> dimensions) {
  /** OpenAI's own limit on inputs per request. */
  public static final int MAX_INPUTS = 2048;

  public static EmbeddingsRequest parse(JsonNode body) {
    JsonNode input = body.get("input");
    if (input == null || input.isNull()) {
      throw ServeException.invalid("input", "'input' is required");
    }
    String format = Json.optString(body, "encoding_format").orElse("float");
    if (!format.equals("float") && !format.equals("base64")) {
      throw ServeException.invalid(
          "encoding_format", "'encoding_format' must be 'float' or 'base64', got '" + format + "'");
    }
    return new EmbeddingsRequest(
        Json.optString(body, "model"),
        inputs(input),
        format.equals("base64"),
        Json.optInt(body, "dimensions", 1, 1 << 16));
  }

  private static List<Input> inputs(JsonNode input) {
    if (input.isTextual()) {
      return List.of(text(input, "input"));
    }
    if (!input.isArray()) {
      throw ServeException.invalid(
          "input", "'input' must be a string or an array of strings, got " + Json.kind(input));
    }
    if (input.isEmpty()) {
      throw ServeException.invalid("input", "'input' must not be an empty array");
    }
    if (input.get(0).isIntegralNumber()) {
      return List.of(tokens(input, "input"));
    }
    if (input.size() > MAX_INPUTS) {
      throw ServeException.invalid(
          "input",
          "'input' has " + input.size() + " items; at most " + MAX_INPUTS + " are allowed");
    }
    var out = new ArrayList<Input>(input.size());
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = input.get(i);
      String where = "input[" + i + "]";
      out.add(item.isArray() ? tokens(item, where) : text(item, where));
    }
    return out;
  }

  private static Input text(JsonNode n, String where) {
    if (!n.isTextual()) {
      throw ServeException.invalid(
          "input",
          "'" + where + "' must be a string or an array of token ids, got " + Json.kind(n));
    }
    if (n.asText().isEmpty()) {
      throw ServeException.invalid("input", "'" + where + "' must not be an empty string");
    }
    return new Input.Text(n.asText());
  }

  private static Input tokens(JsonNode n, String where) {
    if (n.isEmpty()) {
      throw ServeException.invalid("input", "'" + where + "' must not be an empty token array");
    }
    int[] ids = new int[n.size()];
    for (int i = 0; i < ids.length; i++) {
      JsonNode t = n.get(i);
      if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 0) {
        throw ServeException.invalid(
            "input", "'" + where + "[" + i + "]' must be a token id (integer >= 0), got " + t);
      }
      ids[i] = t.asInt();
    }
    return new Input.Tokens(ids);
  }
}
