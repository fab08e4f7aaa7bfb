package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Message;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * POST /v1/chat/completions and POST /v1/completions, mapped to one engine request.
 *
 * @param model the model asked for, if any
 * @param request what the engine gets
 * @param stream answer with server-sent events
 * @param includeUsage send a last chunk with usage (stream_options.include_usage)
 * @param chat true for chat completions, false for legacy text completions
 */
public record ChatCompletionRequest(
    Optional<String> model,
    ChatRequest request,
    boolean stream,
    boolean includeUsage,
    boolean chat) {
  /** OpenAI's default max_tokens for legacy completions. */
  public static final int LEGACY_DEFAULT_MAX_TOKENS = 16;

  public static ChatCompletionRequest parseChat(JsonNode body) {
    if (body.has("tools") && !body.get("tools").isNull() && !body.get("tools").isEmpty()) {
      throw ServeException.invalid("tools", "tools and function calling are not supported");
    }
    var input = new ChatRequest.Input.Messages(messages(body.get("messages")));
    var f = GenerationFields.parse(body);
    return of(body, input, f.maxTokens(), f, true);
  }

  public static ChatCompletionRequest parseCompletion(JsonNode body) {
    var f = GenerationFields.parse(body);
    if (Json.optBool(body, "echo").orElse(false)) {
      throw ServeException.invalid("echo", "echo=true is not supported");
    }
    if (Json.optString(body, "suffix").isPresent()) {
      throw ServeException.invalid("suffix", "suffix (insertion) is not supported");
    }
    var input = new ChatRequest.Input.Prompt(prompt(body.get("prompt")));
    int max = f.maxTokens() == null ? LEGACY_DEFAULT_MAX_TOKENS : f.maxTokens();
    return of(body, input, max, f, false);
  }

  private static ChatCompletionRequest of(
      JsonNode body, ChatRequest.Input input, Integer max, GenerationFields f, boolean chat) {
    var request = new ChatRequest(input, max, f.sampling(), f.stop(), f.format());
    return new ChatCompletionRequest(
        Json.optString(body, "model"), request, f.stream(), f.includeUsage(), chat);
  }

  private static String prompt(JsonNode p) {
    if (p != null && p.isArray() && p.size() == 1) {
      p = p.get(0);
    }
    if (p == null || !p.isTextual()) {
      throw ServeException.invalid(
          "prompt", "'prompt' must be a string (or an array of one string)");
    }
    return p.asText();
  }

  private static List<Message> messages(JsonNode m) {
    if (m == null || !m.isArray() || m.isEmpty()) {
      throw ServeException.invalid("messages", "'messages' must be a non-empty array");
    }
    var out = new ArrayList<Message>(m.size());
    for (int i = 0; i < m.size(); i++) {
      out.add(message(m.get(i), "messages[" + i + "]"));
    }
    return out;
  }

  private static Message message(JsonNode m, String where) {
    if (!m.isObject()) {
      throw ServeException.invalid("messages", "'" + where + "' must be an object");
    }
    Message.Role role;
    try {
      role = Message.Role.parse(Json.string(m, "role"));
    } catch (IllegalArgumentException e) {
      throw ServeException.invalid("messages", "'" + where + ".role': " + e.getMessage());
    }
    return new Message(role, content(m.get("content"), where));
  }

  /** A string, or an array of {type: text, text} parts (what newer SDKs send). */
  private static String content(JsonNode c, String where) {
    if (c != null && c.isTextual()) {
      return c.asText();
    }
    if (c == null || !c.isArray()) {
      throw ServeException.invalid(
          "messages", "'" + where + ".content' must be a string or an array of text parts");
    }
    var text = new StringBuilder();
    for (JsonNode part : c) {
      if (!part.isObject() || !"text".equals(part.path("type").asText())) {
        throw ServeException.invalid(
            "messages",
            "'" + where + ".content' parts must be {\"type\": \"text\"}; others are not supported");
      }
      text.append(Json.string(part, "text"));
    }
    return text.toString();
  }
}
