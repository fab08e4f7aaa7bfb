package dev.mixserve.api.engine.chat;

import java.util.Objects;

/** A constraint on what the model may write. */
public sealed interface OutputFormat {
  /** Free text. */
  record Text() implements OutputFormat {}

  /** Any JSON object (OpenAI {@code response_format: json_object}). */
  record JsonObject() implements OutputFormat {}

  /** JSON that matches a JSON schema, given as JSON text. */
  record JsonSchema(String schema) implements OutputFormat {
    public JsonSchema {
      Objects.requireNonNull(schema, "schema");
    }
  }

  /** A GBNF grammar (llama.cpp's format). */
  record Grammar(String gbnf) implements OutputFormat {
    public Grammar {
      Objects.requireNonNull(gbnf, "gbnf");
    }
  }
}
