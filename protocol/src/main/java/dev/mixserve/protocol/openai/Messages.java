package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.engine.chat.Message;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** A chat completion's {@code messages}: roles, and content as a string or text parts. */
final class Messages {
  private Messages() {}

  static List<Message> parse(JsonNode m) {
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
