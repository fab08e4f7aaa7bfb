package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.engine.chat.OutputFormat;
import dev.mixserve.api.engine.chat.Sampling;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields chat and legacy completions share: limits, sampling, stop, format, streaming.
 *
 * @param maxTokens max_completion_tokens, else max_tokens, else null
 * @param includeUsage stream_options.include_usage
 * @param n answers per prompt (the engine bounds it further, by its slots)
 */
record GenerationFields(
    int n,
    Integer maxTokens,
    Sampling sampling,
    List<String> stop,
    OutputFormat format,
    boolean stream,
    boolean includeUsage) {
  static final int MAX_STOP = 16;

  /** OpenAI's bound on n. */
  static final int MAX_N = 128;

  static GenerationFields parse(JsonNode body) {
    var max =
        Json.optInt(body, "max_completion_tokens", 1, Integer.MAX_VALUE)
            .or(() -> Json.optInt(body, "max_tokens", 1, Integer.MAX_VALUE));
    boolean stream = Json.optBool(body, "stream").orElse(false);
    return new GenerationFields(
        Json.optInt(body, "n", 1, MAX_N).orElse(1),
        max.orElse(null),
        sampling(body),
        stop(body.get("stop")),
        format(body.get("response_format")),
        stream,
        stream && includeUsage(body.get("stream_options")));
  }

  private static Sampling sampling(JsonNode body) {
    Long seed = null;
    JsonNode s = body.get("seed");
    if (s != null && !s.isNull()) {
      if (!s.isIntegralNumber() || !s.canConvertToLong()) {
        throw ServeException.invalid("seed", "'seed' must be an integer, got " + s);
      }
      seed = s.asLong();
    }
    return new Sampling(
        Json.optNumber(body, "temperature", 0, 2).orElse(1.0),
        Json.optNumber(body, "top_p", 0, 1).orElse(1.0),
        seed,
        Json.optNumber(body, "presence_penalty", -2, 2).orElse(0.0),
        Json.optNumber(body, "frequency_penalty", -2, 2).orElse(0.0));
  }

  private static List<String> stop(JsonNode stop) {
    if (stop == null || stop.isNull()) {
      return List.of();
    }
    if (stop.isTextual()) {
      return stop.asText().isEmpty() ? List.of() : List.of(stop.asText());
    }
    if (!stop.isArray() || stop.size() > MAX_STOP) {
      throw ServeException.invalid(
          "stop", "'stop' must be a string or an array of at most " + MAX_STOP + " strings");
    }
    var out = new ArrayList<String>();
    for (JsonNode s : stop) {
      if (!s.isTextual() || s.asText().isEmpty()) {
        throw ServeException.invalid("stop", "'stop' items must be non-empty strings, got " + s);
      }
      out.add(s.asText());
    }
    return out;
  }

  private static OutputFormat format(JsonNode f) {
    if (f == null || f.isNull()) {
      return new OutputFormat.Text();
    }
    String type = f.isObject() ? Json.string(f, "type") : "";
    return switch (type) {
      case "text" -> new OutputFormat.Text();
      case "json_object" -> new OutputFormat.JsonObject();
      case "json_schema" -> schema(f.get("json_schema"));
      default ->
          throw ServeException.invalid(
              "response_format",
              "'response_format.type' must be 'text', 'json_object' or 'json_schema'");
    };
  }

  private static OutputFormat schema(JsonNode js) {
    JsonNode schema = js == null ? null : js.get("schema");
    if (schema == null || !schema.isObject()) {
      throw ServeException.invalid(
          "response_format", "'response_format.json_schema.schema' must be a JSON schema object");
    }
    return new OutputFormat.JsonSchema(schema.toString());
  }

  private static boolean includeUsage(JsonNode options) {
    if (options == null || options.isNull()) {
      return false;
    }
    if (!options.isObject()) {
      throw ServeException.invalid("stream_options", "'stream_options' must be an object");
    }
    return Json.optBool(options, "include_usage").orElse(false);
  }
}
