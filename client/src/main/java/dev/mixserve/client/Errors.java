package dev.mixserve.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** Reads mixserve's OpenAI-style error body, {"error": {"message", "type", "code"}}. */
final class Errors {
  private static final int MAX_RAW = 500;

  private Errors() {}

  static MixserveException fromResponse(HttpRequest req, int status, byte[] body) {
    JsonNode error = ClientJson.tryParse(body).map(n -> n.path("error")).orElse(null);
    String message;
    String type = null;
    String code = null;
    if (error != null && error.isObject()) {
      message = error.path("message").asText("");
      type = text(error.path("type"));
      code = text(error.path("code"));
    } else if (error != null && error.isTextual()) {
      message = error.asText();
    } else {
      String raw = new String(body, StandardCharsets.UTF_8).strip();
      message = raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "..." : raw;
    }
    String summary = req.method() + " " + req.uri().getPath() + " -> " + status;
    return new MixserveException(
        message.isEmpty() ? summary : summary + ": " + message, status, type, code, message);
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }
}
