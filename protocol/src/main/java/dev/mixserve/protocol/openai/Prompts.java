package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.error.ServeException;
import java.util.ArrayList;
import java.util.List;

/**
 * A legacy completion's {@code prompt}, in OpenAI's four shapes: a string, an array of strings (a
 * batch), an array of token ids, an array of arrays of token ids (a batch).
 */
final class Prompts {
  private static final String SHAPES =
      "'prompt' must be a string, an array of strings, an array of token ids"
          + " or an array of arrays of token ids";

  private Prompts() {}

  static List<ChatRequest.Input> parse(JsonNode p) {
    if (p != null && p.isTextual()) {
      return List.of(new ChatRequest.Input.Prompt(p.asText()));
    }
    if (p == null || !p.isArray() || p.isEmpty()) {
      throw ServeException.invalid("prompt", SHAPES);
    }
    if (p.get(0).isIntegralNumber()) {
      return List.of(tokens(p));
    }
    if (p.size() > ChatCompletionRequest.MAX_PROMPTS) {
      throw ServeException.invalid(
          "prompt",
          "'prompt' may hold at most "
              + ChatCompletionRequest.MAX_PROMPTS
              + " prompts, got "
              + p.size());
    }
    var out = new ArrayList<ChatRequest.Input>(p.size());
    for (JsonNode one : p) {
      if (one.isTextual()) {
        out.add(new ChatRequest.Input.Prompt(one.asText()));
      } else if (one.isArray() && !one.isEmpty()) {
        out.add(tokens(one));
      } else {
        throw ServeException.invalid("prompt", SHAPES);
      }
    }
    return out;
  }

  private static ChatRequest.Input.Tokens tokens(JsonNode ids) {
    var out = new ArrayList<Integer>(ids.size());
    for (JsonNode id : ids) {
      if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
        throw ServeException.invalid("prompt", "token ids must be integers >= 0, got " + id);
      }
      out.add(id.asInt());
    }
    return new ChatRequest.Input.Tokens(out);
  }
}
