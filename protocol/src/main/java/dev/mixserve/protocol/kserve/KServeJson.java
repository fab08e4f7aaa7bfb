package dev.mixserve.protocol.kserve;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mixserve.protocol.Json;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Bodies of the KServe V1 and V2 protocols. */
public final class KServeJson {
  /** Metadata of one tensor. */
  public record TensorSpec(String name, String datatype, long[] shape) {}

  private KServeJson() {}

  /** The error body both protocols use: {"error": "..."}. */
  public static byte[] error(String message) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("error", message);
          g.writeEndObject();
        });
  }

  public static byte[] serverMetadata(String version, List<String> extensions) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("name", "mixserve");
          g.writeStringField("version", version);
          g.writeArrayFieldStart("extensions");
          for (String e : extensions) {
            g.writeString(e);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  public static byte[] flag(String field, boolean value) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeBooleanField(field, value);
          g.writeEndObject();
        });
  }

  /** V1 model status, with OpenAI's model-object fields beside it since both use the path. */
  public static byte[] modelStatus(String name, boolean ready, long created) {
    return modelStatus(name, name, ready, created);
  }

  /** A model's status under the id it was asked for, which may be one of its other names. */
  public static byte[] modelStatus(String id, String name, boolean ready, long created) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("name", name);
          g.writeBooleanField("ready", ready);
          g.writeStringField("id", id);
          g.writeStringField("object", "model");
          g.writeNumberField("created", created);
          g.writeStringField("owned_by", "mixserve");
          g.writeEndObject();
        });
  }

  public static byte[] modelMetadata(
      String name, String platform, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("name", name);
          g.writeArrayFieldStart("versions");
          g.writeString("1");
          g.writeEndArray();
          g.writeStringField("platform", platform);
          specs(g, "inputs", inputs);
          specs(g, "outputs", outputs);
          g.writeEndObject();
        });
  }

  private static void specs(JsonGenerator g, String field, List<TensorSpec> specs)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (TensorSpec s : specs) {
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeStringField("datatype", s.datatype());
      g.writeArrayFieldStart("shape");
      for (long d : s.shape()) {
        g.writeNumber(d);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  public static byte[] inferResponse(
      String model, Optional<String> id, List<OutputTensor> outputs) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("model_name", model);
          g.writeStringField("model_version", "1");
          if (id.isPresent()) {
            g.writeStringField("id", id.get());
          }
          g.writeArrayFieldStart("outputs");
          for (OutputTensor t : outputs) {
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeStringField("datatype", t.datatype());
            g.writeArrayFieldStart("shape");
            for (long d : t.shape()) {
              g.writeNumber(d);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("data");
            for (Object o : t.data()) {
              switch (o) {
                case Float f -> g.writeNumber(f);
                case Double d -> g.writeNumber(d);
                case Number n -> g.writeNumber(n.longValue());
                case Boolean b -> g.writeBoolean(b);
                default -> g.writeString(String.valueOf(o));
              }
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** V1 {"predictions": [...]}, each prediction written by the caller. */
  public static byte[] predictions(List<?> predictions) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeFieldName("predictions");
          g.writeObject(predictions);
          g.writeEndObject();
        });
  }
}
