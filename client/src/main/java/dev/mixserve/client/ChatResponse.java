package dev.mixserve.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A finished (or cancelled) answer.
 *
 * @param finishReason stop, length, cancelled (by the client), or another server reason
 * @param promptTokens -1 when the server did not say
 * @param completionTokens -1 when the server did not say
 */
public record ChatResponse(
    String text, String finishReason, int promptTokens, int completionTokens) {
  public static final String CANCELLED = "cancelled";

  public ChatResponse {
    Objects.requireNonNull(text, "text");
    finishReason = finishReason == null ? "unknown" : finishReason;
  }

  public boolean cancelled() {
    return CANCELLED.equals(finishReason);
  }

  /** A non-streamed chat.completion or text_completion. */
  static ChatResponse parse(JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    String text =
        choice.has("message")
            ? choice.path("message").path("content").asText("")
            : choice.path("text").asText("");
    JsonNode usage = body.path("usage");
    return new ChatResponse(
        text,
        choice.path("finish_reason").asText(null),
        usage.path("prompt_tokens").asInt(-1),
        usage.path("completion_tokens").asInt(-1));
  }
}
