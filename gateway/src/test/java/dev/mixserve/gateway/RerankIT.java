package dev.mixserve.gateway;

import static dev.mixserve.gateway.EmbeddingsIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class RerankIT {
  static final String DOCS =
      "[\"Bananas are an excellent source of potassium.\","
          + "\"The Eiffel Tower is in Paris, the capital of France.\","
          + "\"Football is popular in Brazil.\"]";

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "/reranker/v1/rerank, documents",
    "/reranker/v2/rerank, documents",
    "/reranker/rerank, texts",
    "/v1/rerank, documents",
    "/rerank, texts"
  })
  void relevantDocumentComesFirstInEveryShape(String path, String field) {
    String body = "{\"query\":\"What is the capital of France?\",\"" + field + "\":" + DOCS + "}";
    var res = TestServer.post(path, body);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    JsonNode results = json(res.body());
    if (!results.isArray()) {
      results = results.get("results");
    }
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("index").asInt()).isEqualTo(1);
    double first = score(results.get(0));
    for (JsonNode r : results) {
      assertThat(score(r)).isLessThanOrEqualTo(first);
    }
  }

  private static double score(JsonNode r) {
    return r.has("score") ? r.get("score").asDouble() : r.get("relevance_score").asDouble();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/reranker/v1/rerank", "/reranker/v2/rerank"})
  void topNAndReturnDocuments(String path) {
    String body =
        "{\"query\":\"capital of France\",\"documents\":"
            + DOCS
            + ",\"top_n\":1,\"return_documents\":true}";
    JsonNode results = json(TestServer.post(path, body).body()).get("results");
    assertThat(results).hasSize(1);
    assertThat(results.get(0).get("document").get("text").asText()).contains("Paris");
  }

  @ParameterizedTest(name = "documents as objects on {0}")
  @CsvSource({"/reranker/v1/rerank"})
  void documentsMayBeObjectsWithText(String path) {
    String body =
        "{\"query\":\"capital of France\",\"documents\":[{\"text\":\"Bananas are yellow.\"},"
            + "{\"text\":\"Paris is the capital of France.\"}]}";
    JsonNode results = json(TestServer.post(path, body).body()).get("results");
    assertThat(results.get(0).get("index").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "rank_fields on {0}")
  @CsvSource({"/reranker/v1/rerank", "/reranker/v2/rerank"})
  void rankFieldsPickWhatAStructuredDocumentIsRankedOn(String path) {
    // The titles say the opposite of the bodies: which one wins shows which field was ranked.
    String docs =
        "[{\"title\":\"Paris is the capital of France\",\"body\":\"Bananas are yellow.\","
            + "\"id\":7},"
            + "{\"title\":\"Bananas are yellow\",\"body\":\"Paris is the capital of France.\","
            + "\"id\":8}]";
    String byTitle =
        "{\"query\":\"capital of France\",\"documents\":"
            + docs
            + ",\"rank_fields\":[\"title\"],\"return_documents\":true}";
    JsonNode results = json(TestServer.post(path, byTitle).body()).get("results");
    assertThat(results.get(0).get("index").asInt()).isEqualTo(0);
    // The document comes back as it was sent, every field of it.
    assertThat(results.get(0).get("document").get("id").asInt()).isEqualTo(7);
    String byBody = byTitle.replace("[\"title\"]", "[\"body\"]");
    assertThat(
            json(TestServer.post(path, byBody).body()).get("results").get(0).get("index").asInt())
        .isEqualTo(1);
    String both = byTitle.replace("[\"title\"]", "[\"title\",\"body\"]");
    assertThat(TestServer.post(path, both).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'{\"query\":\"q\",\"documents\":[{\"title\":\"t\"}],\"rank_fields\":[\"body\"]}', body",
    "'{\"query\":\"q\",\"documents\":[{\"title\":\"t\"}]}', rank_fields",
    "'{\"query\":\"q\",\"documents\":[\"a\"],\"rank_fields\":[]}', non-empty",
    "'{\"query\":\"q\",\"documents\":[\"a\"],\"rank_fields\":\"title\"}', non-empty"
  })
  void aRankFieldThatIsNotThereIsA400ThatSaysSo(String body, String said) {
    var res = TestServer.post("/reranker/v1/rerank", body);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    assertThat(res.body()).contains(said);
  }

  @org.junit.jupiter.api.Test
  void teiRefusesRankFieldsRatherThanIgnoringThem() {
    var res =
        TestServer.post(
            "/reranker/rerank", "{\"query\":\"q\",\"texts\":[\"a\"],\"rank_fields\":[\"x\"]}");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("rank_fields");
  }

  @ParameterizedTest(name = "TEI raw_scores={0}")
  @CsvSource({"true", "false"})
  void teiRawScoresAndText(boolean raw) {
    String body =
        "{\"query\":\"capital of France\",\"texts\":"
            + DOCS
            + ",\"raw_scores\":"
            + raw
            + ",\"return_text\":true}";
    JsonNode results = json(TestServer.post("/reranker/rerank", body).body());
    assertThat(results.get(0).get("text").asText()).contains("Paris");
    double s = results.get(0).get("score").asDouble();
    // Raw bi-encoder scores are cosines; relevance maps them into (cosine + 1) / 2.
    assertThat(s).isBetween(raw ? -1.0 : 0.5, 1.0);
  }
}
