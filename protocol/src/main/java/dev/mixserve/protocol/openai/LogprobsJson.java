package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mixserve.api.engine.chat.Logprob;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;

/**
 * A choice's {@code logprobs} field: chat's {@code {content: [{token, logprob, bytes,
 * top_logprobs}], refusal}} or the legacy completion's {@code {tokens, token_logprobs,
 * top_logprobs, text_offset}}.
 */
final class LogprobsJson {
  private LogprobsJson() {}

  /** Writes the field: null when the request did not ask ({@code tokens} null). */
  static void write(JsonGenerator g, boolean chat, List<Logprob> tokens, int textOffset)
      throws IOException {
    g.writeFieldName("logprobs");
    if (tokens == null) {
      g.writeNull();
    } else if (chat) {
      chat(g, tokens);
    } else {
      legacy(g, tokens, textOffset);
    }
  }

  private static void chat(JsonGenerator g, List<Logprob> tokens) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("content");
    for (Logprob t : tokens) {
      g.writeStartObject();
      entry(g, t);
      g.writeArrayFieldStart("top_logprobs");
      for (Logprob alt : t.top()) {
        g.writeStartObject();
        entry(g, alt);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNullField("refusal");
    g.writeEndObject();
  }

  private static void entry(JsonGenerator g, Logprob t) throws IOException {
    g.writeStringField("token", t.token());
    g.writeNumberField("logprob", t.logprob());
    g.writeArrayFieldStart("bytes");
    for (byte b : t.bytes()) {
      g.writeNumber(b & 0xFF);
    }
    g.writeEndArray();
  }

  // text_offset: where each token's text starts in the choice's text, counted in the tokens' own
  // texts from textOffset (the echoed prompt's length, or what earlier chunks carried).
  private static void legacy(JsonGenerator g, List<Logprob> tokens, int textOffset)
      throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("tokens");
    for (Logprob t : tokens) {
      g.writeString(t.token());
    }
    g.writeEndArray();
    // A prompt's first token, with nothing before it, has no logprob and no alternatives: null, as
    // OpenAI writes them.
    g.writeArrayFieldStart("token_logprobs");
    for (Logprob t : tokens) {
      if (t.known()) {
        g.writeNumber(t.logprob());
      } else {
        g.writeNull();
      }
    }
    g.writeEndArray();
    g.writeArrayFieldStart("top_logprobs");
    for (Logprob t : tokens) {
      if (!t.known()) {
        g.writeNull();
        continue;
      }
      g.writeStartObject();
      var seen = new HashSet<String>(); // two tokens can share a text; a map keeps the likelier
      for (Logprob alt : t.top()) {
        if (seen.add(alt.token())) {
          g.writeNumberField(alt.token(), alt.logprob());
        }
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("text_offset");
    int at = textOffset;
    for (Logprob t : tokens) {
      g.writeNumber(at);
      at += t.token().length();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The text length the tokens cover, for the next chunk's text_offset. */
  static int length(List<Logprob> tokens) {
    int n = 0;
    for (Logprob t : tokens) {
      n += t.token().length();
    }
    return n;
  }
}
