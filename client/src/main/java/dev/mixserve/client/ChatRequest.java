package dev.mixserve.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A chat completion request.
 *
 * @param maxTokens the most tokens to generate, or null for the server's default
 * @param temperature 0 for greedy decoding, or null for the server's default
 * @param seed for repeatable sampling, or null
 */
public record ChatRequest(
    List<ChatMessage> messages, Integer maxTokens, Double temperature, Long seed) {
  public ChatRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat request needs at least one message");
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
    }
    if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("temperature must be in 0..2, got " + temperature);
    }
  }

  public static ChatRequest of(List<ChatMessage> messages) {
    return new ChatRequest(messages, null, null, null);
  }

  public ChatRequest withMaxTokens(int n) {
    return new ChatRequest(messages, n, temperature, seed);
  }

  public ChatRequest withTemperature(double t) {
    return new ChatRequest(messages, maxTokens, t, seed);
  }

  public ChatRequest withSeed(long s) {
    return new ChatRequest(messages, maxTokens, temperature, s);
  }

  /** The sampling fields shared with completions, written into {@code body}. */
  void sampling(ObjectNode body) {
    if (maxTokens != null) {
      body.put("max_tokens", maxTokens);
    }
    if (temperature != null) {
      body.put("temperature", temperature);
    }
    if (seed != null) {
      body.put("seed", seed);
    }
  }

  ObjectNode json(Target target, boolean stream) {
    ObjectNode body = ClientJson.object();
    target.optModel().ifPresent(m -> body.put("model", m));
    var arr = body.putArray("messages");
    messages.forEach(m -> arr.addObject().put("role", m.role()).put("content", m.content()));
    sampling(body);
    body.put("stream", stream);
    return body;
  }
}
