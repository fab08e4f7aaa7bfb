package dev.mixserve.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.mixserve.api.error.ServeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Reading request JSON with errors that name the field, and writing responses. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(64).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** Parses a request body that must be one JSON object. */
  public static JsonNode object(byte[] body) {
    if (body.length == 0) {
      throw ServeException.invalid("request body is empty; expected a JSON object");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ServeException.invalid("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ServeException.invalid("request body could not be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ServeException.invalid(
          "request body must be a JSON object, got " + (node == null ? "nothing" : kind(node)));
    }
    return node;
  }

  public static Optional<String> optString(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw ServeException.invalid(field, "'" + field + "' must be a string, got " + kind(v));
    }
    return Optional.of(v.asText());
  }

  public static String string(JsonNode obj, String field) {
    return optString(obj, field)
        .orElseThrow(() -> ServeException.invalid(field, "'" + field + "' is required"));
  }

  public static Optional<Integer> optInt(JsonNode obj, String field, int min, int max) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
      throw ServeException.invalid(
          field, "'" + field + "' must be an integer in " + min + ".." + max + ", got " + v);
    }
    return Optional.of(v.asInt());
  }

  public static Optional<Boolean> optBool(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw ServeException.invalid(field, "'" + field + "' must be true or false, got " + kind(v));
    }
    return Optional.of(v.asBoolean());
  }

  public static Optional<Double> optNumber(JsonNode obj, String field, double min, double max) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
      throw ServeException.invalid(
          field, "'" + field + "' must be a number in " + min + ".." + max + ", got " + v);
    }
    return Optional.of(v.asDouble());
  }

  /** A short name of a node's JSON type for error messages. */
  public static String kind(JsonNode n) {
    JsonNodeType t = n.getNodeType();
    return switch (t) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> t.name().toLowerCase();
    };
  }

  /** A JSON string literal, quotes included. */
  public static String quote(String text) {
    return new String(quoteUtf8(text), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A JSON string literal in UTF-8, quotes included. */
  public static byte[] quoteUtf8(String text) {
    byte[] inner = JsonStringEncoder.getInstance().quoteAsUTF8(text);
    byte[] out = new byte[inner.length + 2];
    out[0] = '"';
    System.arraycopy(inner, 0, out, 1, inner.length);
    out[out.length - 1] = '"';
    return out;
  }

  /** Writes JSON with a streaming generator; responses are built without object trees. */
  public static byte[] write(Writer writer) {
    var out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Body of a {@link #write} call. */
  @FunctionalInterface
  public interface Writer {
    void write(JsonGenerator g) throws IOException;
  }
}
