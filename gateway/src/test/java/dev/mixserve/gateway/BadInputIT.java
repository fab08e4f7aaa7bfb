package dev.mixserve.gateway;

import static dev.mixserve.gateway.EmbeddingsIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad input gets the right 4xx with an OpenAI error body, and the server keeps serving. */
public class BadInputIT {
  static final String EMB = "/embeddings/v1/embeddings";
  static final String RR = "/reranker/v1/rerank";
  static final String JSON = "application/json";

  static Stream<Arguments> cases() {
    return Stream.of(
        bad("malformed JSON", "POST", EMB, JSON, "{\"input\":", 400),
        bad("trailing garbage", "POST", EMB, JSON, "{\"input\":\"a\"} x", 400),
        bad("array body", "POST", EMB, JSON, "[\"a\"]", 400),
        bad("string body", "POST", EMB, JSON, "\"a\"", 400),
        bad("empty body", "POST", EMB, JSON, "", 400),
        bad("missing input", "POST", EMB, JSON, "{}", 400),
        bad("null input", "POST", EMB, JSON, "{\"input\":null}", 400),
        bad("number input", "POST", EMB, JSON, "{\"input\":5}", 400),
        bad("object input", "POST", EMB, JSON, "{\"input\":{\"a\":1}}", 400),
        bad("empty string", "POST", EMB, JSON, "{\"input\":\"\"}", 400),
        bad("empty array", "POST", EMB, JSON, "{\"input\":[]}", 400),
        bad("mixed array", "POST", EMB, JSON, "{\"input\":[\"a\",5]}", 400),
        bad("null item", "POST", EMB, JSON, "{\"input\":[\"a\",null]}", 400),
        bad("nested strings", "POST", EMB, JSON, "{\"input\":[[\"a\"]]}", 400),
        bad("negative token", "POST", EMB, JSON, "{\"input\":[-1]}", 400),
        bad(
            "bad encoding_format",
            "POST",
            EMB,
            JSON,
            "{\"input\":\"a\",\"encoding_format\":\"bin\"}",
            400),
        bad(
            "numeric encoding_format",
            "POST",
            EMB,
            JSON,
            "{\"input\":\"a\",\"encoding_format\":5}",
            400),
        bad("dimensions zero", "POST", EMB, JSON, "{\"input\":\"a\",\"dimensions\":0}", 400),
        bad(
            "dimensions unsupported",
            "POST",
            EMB,
            JSON,
            "{\"input\":\"a\",\"dimensions\":100}",
            400),
        bad("model not a string", "POST", EMB, JSON, "{\"input\":\"a\",\"model\":5}", 400),
        bad(
            "unknown model at root",
            "POST",
            "/v1/embeddings",
            JSON,
            "{\"input\":\"a\",\"model\":\"gpt-9\"}",
            404),
        bad(
            "model of another task",
            "POST",
            "/v1/embeddings",
            JSON,
            "{\"input\":\"a\",\"model\":\"reranker\"}",
            400),
        bad(
            "huge array",
            "POST",
            EMB,
            JSON,
            "{\"input\":[" + "\"a\",".repeat(2048) + "\"a\"]}",
            400),
        bad("10 MB body", "POST", EMB, JSON, "{\"input\":\"" + "a".repeat(10 << 20) + "\"}", 413),
        bad("text/plain", "POST", EMB, "text/plain", "{\"input\":\"a\"}", 415),
        bad("form encoded", "POST", EMB, "application/x-www-form-urlencoded", "input=a", 415),
        bad("GET on POST endpoint", "GET", EMB, null, null, 405),
        bad("POST on /v1/models", "POST", "/v1/models", JSON, "{}", 405),
        bad("DELETE on metrics", "DELETE", "/metrics", null, null, 405),
        bad("unknown route", "GET", "/nothing/here", null, null, 404),
        bad(
            "prefix without boundary",
            "POST",
            "/embeddingsx/v1/embeddings",
            JSON,
            "{\"input\":\"a\"}",
            404),
        bad("unknown sub-path", "POST", "/embeddings/v1/other", JSON, "{}", 404),
        bad("rerank missing query", "POST", RR, JSON, "{\"documents\":[\"a\"]}", 400),
        bad("rerank empty query", "POST", RR, JSON, "{\"query\":\"\",\"documents\":[\"a\"]}", 400),
        bad(
            "rerank documents not array",
            "POST",
            RR,
            JSON,
            "{\"query\":\"q\",\"documents\":\"a\"}",
            400),
        bad("rerank no documents", "POST", RR, JSON, "{\"query\":\"q\",\"documents\":[]}", 400),
        bad(
            "rerank top_n zero",
            "POST",
            RR,
            JSON,
            "{\"query\":\"q\",\"documents\":[\"a\"],\"top_n\":0}",
            400),
        bad(
            "rerank object without text",
            "POST",
            RR,
            JSON,
            "{\"query\":\"q\",\"documents\":[{\"t\":1}]}",
            400),
        bad(
            "rerank too many documents",
            "POST",
            RR,
            JSON,
            "{\"query\":\"q\",\"documents\":[" + "\"a\",".repeat(1000) + "\"a\"]}",
            400),
        bad(
            "bad request timeout header",
            "POST",
            "/echo/v1/embeddings",
            JSON,
            "{\"input\":\"a\"}",
            400));
  }

  static Arguments bad(
      String name, String method, String path, String type, String body, int status) {
    return Arguments.of(
        name,
        method,
        path,
        type,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        status);
  }

  @ParameterizedTest(name = "{0} -> {5}")
  @MethodSource("cases")
  void getsTheRightStatusAndAnOpenAiError(
      String name, String method, String path, String type, byte[] body, int status) {
    var b = HttpRequest.newBuilder(TestServer.uri(path));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (name.startsWith("bad request timeout")) {
      b.header("X-Request-Timeout", "soon");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> res = TestServer.send(b.build());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode error = json(res.body()).get("error");
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.get("type").asText()).isNotBlank();
    if (status == 405) {
      assertThat(res.headers().firstValue("Allow")).isPresent();
    }
  }

  @ParameterizedTest(name = "non-UTF-8 body {0}")
  @MethodSource("invalidUtf8")
  void nonUtf8BodyIs400(String name, byte[] body) {
    var res =
        TestServer.send(
            HttpRequest.newBuilder(TestServer.uri(EMB))
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    assertThat(json(res.body()).get("error").get("message").asText()).contains("JSON");
  }

  static Stream<Arguments> invalidUtf8() {
    byte[] lone = "{\"input\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    byte[] truncated = {
      '{', '"', 'i', 'n', 'p', 'u', 't', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'
    };
    return Stream.of(
        Arguments.of("latin-1 e-acute", lone), Arguments.of("truncated sequence", truncated));
  }

  @AfterAll
  static void serverStillServes() {
    var res = TestServer.post(EMB, "{\"input\":\"still alive\"}");
    assertThat(res.statusCode()).isEqualTo(200);
  }
}
