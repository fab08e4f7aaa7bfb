package dev.mixserve.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** The client's one ObjectMapper and the few helpers around it. */
final class ClientJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private ClientJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Optional<JsonNode> tryParse(byte[] body) {
    try {
      return Optional.ofNullable(MAPPER.readTree(body));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static JsonNode parse(byte[] body, String what) {
    return tryParse(body)
        .filter(JsonNode::isObject)
        .orElseThrow(
            () -> new MixserveException("the server's answer to " + what + " is not JSON", null));
  }

  static JsonNode parse(String body, String what) {
    return parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), what);
  }
}
