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
 * @param documents the text each document is ranked on
 * @param given each document as the client sent it, returned as it was when documents are asked for
 * @param topN how many results to return, all when empty
 * @param returnDocuments include document text in results
 * @param rawScores TEI raw_scores: the model's own output instead of relevance
 */
public record RerankRequest(
    RerankShape shape,
    Optional<String> model,
    String query,
    List<String> documents,
    List<JsonNode> given,
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
    JsonNode docs = body.get(field);
    List<String> fields = rankFields(body, shape);
    return new RerankRequest(
        shape,
        Json.optString(body, "model"),
        query,
        documents(docs, field, fields),
        docs == null || !docs.isArray() ? List.of() : given(docs),
        Json.optInt(body, "top_n", 1, Integer.MAX_VALUE),
        returnDocs,
        shape == RerankShape.TEI && Json.optBool(body, "raw_scores").orElse(false));
  }

  /**
   * Cohere's rank_fields: which fields of a structured document are ranked on (default "text"). TEI
   * has no such parameter, so it is refused there rather than ignored.
   */
  private static List<String> rankFields(JsonNode body, RerankShape shape) {
    JsonNode rf = body.get("rank_fields");
    if (rf == null || rf.isNull()) {
      return List.of("text");
    }
    if (shape == RerankShape.TEI) {
      throw ServeException.invalid(
          "rank_fields", "'rank_fields' is Cohere's; TEI's /rerank takes texts only");
    }
    if (!rf.isArray() || rf.isEmpty()) {
      throw ServeException.invalid("rank_fields", "'rank_fields' must be a non-empty array");
    }
    var out = new ArrayList<String>();
    for (JsonNode f : rf) {
      if (!f.isTextual() || f.asText().isEmpty()) {
        throw ServeException.invalid("rank_fields", "'rank_fields' must hold field names");
      }
      out.add(f.asText());
    }
    return List.copyOf(out);
  }

  private static List<JsonNode> given(JsonNode docs) {
    var out = new ArrayList<JsonNode>(docs.size());
    docs.forEach(out::add);
    return out;
  }

  private static List<String> documents(JsonNode docs, String field, List<String> fields) {
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
      out.add(text(docs.get(i), field + "[" + i + "]", field, fields));
    }
    return out;
  }

  /**
   * A document is a string, or an object whose rank fields are ranked on (Jina, Cohere). One field
   * is ranked as its value; several as "name: value" lines, the YAML Cohere turns them into, so the
   * model sees which text is the title and which the body.
   */
  private static String text(JsonNode d, String where, String field, List<String> fields) {
    if (d.isTextual()) {
      return d.asText();
    }
    if (!d.isObject()) {
      throw ServeException.invalid(
          field, "'" + where + "' must be a string or an object with a 'text' string");
    }
    var lines = new StringBuilder();
    for (String name : fields) {
      JsonNode v = d.get(name);
      if (v == null || !(v.isTextual() || v.isNumber() || v.isBoolean())) {
        throw ServeException.invalid(
            field,
            "'"
                + where
                + "' has no "
                + (fields.equals(List.of("text")) ? "'text' string" : "string field '" + name + "'")
                + (fields.equals(List.of("text")) ? "; give rank_fields to rank on others" : ""));
      }
      if (fields.size() == 1) {
        return v.asText();
      }
      lines.append(lines.isEmpty() ? "" : "\n").append(name).append(": ").append(v.asText());
    }
    return lines.toString();
  }
}
