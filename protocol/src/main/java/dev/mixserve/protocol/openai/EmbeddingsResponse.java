package dev.mixserve.protocol.openai;

import dev.mixserve.api.engine.EmbeddingEngine.Embedded;
import dev.mixserve.protocol.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/** The OpenAI embeddings response. */
public final class EmbeddingsResponse {
  private EmbeddingsResponse() {}

  public static byte[] write(String model, List<Embedded> vectors, boolean base64) {
    return Json.write(
        g -> {
          int tokens = 0;
          g.writeStartObject();
          g.writeStringField("object", "list");
          g.writeArrayFieldStart("data");
          for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i).vector();
            tokens += vectors.get(i).tokens();
            g.writeStartObject();
            g.writeStringField("object", "embedding");
            g.writeNumberField("index", i);
            g.writeFieldName("embedding");
            if (base64) {
              g.writeString(base64(v));
            } else {
              g.writeStartArray();
              for (float x : v) {
                g.writeNumber(x);
              }
              g.writeEndArray();
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeStringField("model", model);
          g.writeObjectFieldStart("usage");
          g.writeNumberField("prompt_tokens", tokens);
          g.writeNumberField("total_tokens", tokens);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /** Little-endian float32, as the OpenAI SDKs decode it. */
  static String base64(float[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(v);
    return Base64.getEncoder().encodeToString(buf.array());
  }
}
