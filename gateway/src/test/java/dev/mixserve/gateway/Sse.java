package dev.mixserve.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A streamed response body split into its SSE events, as a client sees them. */
public record Sse(List<String> lines, List<JsonNode> chunks, boolean done) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Sse parse(String body) {
    var lines = List.of(body.split("\n"));
    var chunks = new ArrayList<JsonNode>();
    boolean done = false;
    for (String l : lines) {
      if (l.equals("data: [DONE]")) {
        done = true;
      } else if (l.startsWith("data: ")) {
        try {
          chunks.add(JSON.readTree(l.substring(6)));
        } catch (Exception e) {
          throw new IllegalArgumentException("bad chunk " + l, e);
        }
      }
    }
    return new Sse(lines, chunks, done);
  }

  /** The streamed text: chat deltas or completion texts, concatenated. */
  String text() {
    var out = new StringBuilder();
    for (JsonNode c : chunks) {
      for (JsonNode choice : c.path("choices")) {
        out.append(
            choice.has("delta")
                ? choice.path("delta").path("content").asText("")
                : choice.path("text").asText(""));
      }
    }
    return out.toString();
  }

  /** The finish_reason of the one chunk that has one. */
  String finishReason() {
    return chunks.stream()
        .flatMap(c -> c.path("choices").valueStream())
        .map(ch -> ch.path("finish_reason"))
        .filter(f -> !f.isNull() && !f.isMissingNode())
        .map(JsonNode::asText)
        .reduce((a, b) -> a + "," + b)
        .orElse("");
  }
}
