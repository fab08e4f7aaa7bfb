package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.protocol.Json;
import java.io.IOException;

/**
 * Non-streamed answers: {@code chat.completion} (message) and {@code text_completion} (text).
 *
 * @param id chatcmpl-… or cmpl-…, the same in every chunk of a stream
 * @param created Unix seconds
 * @param model the model name echoed back
 * @param chat chat completion (true) or legacy text completion
 */
public record ChatCompletionResponse(String id, long created, String model, boolean chat) {
  public byte[] write(ChatResult r) {
    return Json.write(
        g -> {
          g.writeStartObject();
          head(g, chat ? "chat.completion" : "text_completion");
          g.writeArrayFieldStart("choices");
          g.writeStartObject();
          g.writeNumberField("index", 0);
          if (chat) {
            g.writeObjectFieldStart("message");
            g.writeStringField("role", "assistant");
            g.writeStringField("content", r.text());
            g.writeEndObject();
          } else {
            g.writeStringField("text", r.text());
          }
          g.writeNullField("logprobs");
          g.writeStringField("finish_reason", r.finishReason().id());
          g.writeEndObject();
          g.writeEndArray();
          usage(g, r);
          g.writeEndObject();
        });
  }

  void head(JsonGenerator g, String object) throws IOException {
    g.writeStringField("id", id);
    g.writeStringField("object", object);
    g.writeNumberField("created", created);
    g.writeStringField("model", model);
  }

  static void usage(JsonGenerator g, ChatResult r) throws IOException {
    g.writeObjectFieldStart("usage");
    g.writeNumberField("prompt_tokens", r.promptTokens());
    g.writeNumberField("completion_tokens", r.completionTokens());
    g.writeNumberField("total_tokens", r.promptTokens() + r.completionTokens());
    g.writeEndObject();
  }
}
