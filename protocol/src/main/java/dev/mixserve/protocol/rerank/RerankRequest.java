package dev.mixserve.protocol.rerank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rerank request in any of the {@link RerankShape}s.
 *
 * @param topN how many results to return, all when empty
 * @param returnDocuments include document text in results
 * @param rawScores TEI raw_scores: the model's own output instead of relevance
 */
public record RerankRequest(
    RerankShape shape,
    Optional<String> model,
    String query,
    List<String> documents,
    Optional<Integer> topN,
    boolean returnDocuments,
    boolean rawScores) {
  public static final int MAX_DOCUMENTS = 1000;

  public static RerankRequest parse(JsonNode body, RerankShape shape) {
    String query = Json.string(body, "query");
    if (query.isEmpty()) {
      throw ServeException.invalid("query", "'query' must not be empty");
    }
    String field = shape.documentsField();
    boolean returnDocs =
        Json.optBool(body, shape == RerankShape.TEI ? "return_text" : "return_documents")
            .orElse(shape.returnDocumentsByDefault());
    return new RerankRequest(
        shape,
        Json.optString(body, "model"),
        query,
        documents(body.get(field), field),
        Json.optInt(body, "top_n", 1, Integer.MAX_VALUE),
        returnDocs,
        shape == RerankShape.TEI && Json.optBool(body, "raw_scores").orElse(false));
  }

  private static List<String> documents(JsonNode docs, String field) {
    if (docs == null || docs.isNull()) {
      throw ServeException.invalid(field, "'" + field + "' is required");
    }
    if (!docs.isArray() || docs.isEmpty()) {
      throw ServeException.invalid(field, "'" + field + "' must be a non-empty array");
    }
    if (docs.size() > MAX_DOCUMENTS) {
      throw ServeException.invalid(
          field, "'" + field + "' has " + docs.size() + " items; at most " + MAX_DOCUMENTS);
    }
    var out = new ArrayList<String>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      out.add(text(docs.get(i), field + "[" + i + "]", field));
    }
    return out;
  }

  /** A document is a string, or an object with a "text" string (Jina, Cohere). */
  private static String text(JsonNode d, String where, String field) {
    JsonNode t = d.isObject() ? d.get("text") : d;
    if (t == null || !t.isTextual()) {
      throw ServeException.invalid(
          field, "'" + where + "' must be a string or an object with a 'text' string");
    }
    return t.asText();
  }
}
