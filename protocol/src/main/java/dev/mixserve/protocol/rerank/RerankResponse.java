package dev.mixserve.protocol.rerank;

import dev.mixserve.api.engine.RerankEngine.Score;
import dev.mixserve.protocol.Json;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** Results sorted by relevance, each with the document's original index, in the asked shape. */
public final class RerankResponse {
  private RerankResponse() {}

  public static byte[] write(RerankRequest req, String model, List<Score> scores) {
    List<Integer> order =
        IntStream.range(0, scores.size())
            .boxed()
            .sorted(
                Comparator.comparingDouble((Integer i) -> -scores.get(i).relevance())
                    .thenComparing(i -> i))
            .limit(req.topN().orElse(scores.size()))
            .toList();
    int tokens = scores.stream().mapToInt(Score::tokens).sum();
    return req.shape() == RerankShape.TEI
        ? tei(req, scores, order)
        : jinaCohere(req, model, scores, order, tokens);
  }

  private static byte[] tei(RerankRequest req, List<Score> scores, List<Integer> order) {
    return Json.write(
        g -> {
          g.writeStartArray();
          for (int i : order) {
            g.writeStartObject();
            g.writeNumberField("index", i);
            Score s = scores.get(i);
            g.writeNumberField("score", (float) (req.rawScores() ? s.raw() : s.relevance()));
            if (req.returnDocuments()) {
              g.writeStringField("text", req.documents().get(i));
            }
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  private static byte[] jinaCohere(
      RerankRequest req, String model, List<Score> scores, List<Integer> order, int tokens) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("id", UUID.randomUUID().toString());
          g.writeStringField("model", model);
          g.writeArrayFieldStart("results");
          for (int i : order) {
            g.writeStartObject();
            g.writeNumberField("index", i);
            g.writeNumberField("relevance_score", (float) scores.get(i).relevance());
            if (req.returnDocuments()) {
              var given = i < req.given().size() ? req.given().get(i) : null;
              if (given != null && given.isObject()) {
                g.writeFieldName("document"); // as sent: its other fields are the caller's
                g.writeTree(given);
              } else {
                g.writeObjectFieldStart("document");
                g.writeStringField("text", req.documents().get(i));
                g.writeEndObject();
              }
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeObjectFieldStart("usage");
          g.writeNumberField("total_tokens", tokens);
          g.writeEndObject();
          g.writeObjectFieldStart("meta");
          g.writeObjectFieldStart("billed_units");
          g.writeNumberField("search_units", 1);
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndObject();
        });
  }
}
