package dev.mixserve.gateway;

import static dev.mixserve.gateway.EmbeddingsIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * KServe V1 and V2 requests shaped after the examples of the KServe and Open Inference Protocol
 * specifications, sent by alias Host and by plain path.
 */
public class KServeIT {
  static final Set<String> DATATYPES =
      Set.of(
          "BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16",
          "FP32", "FP64", "BYTES");

  static HttpResponse<String> send(String method, String host, String path, String body) {
    var b = HttpRequest.newBuilder(TestServer.uri(path));
    if (host != null) {
      b.header("Host", host);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return TestServer.send(b.build());
  }

  static final String EMBED_INFER =
      """
      {"id": "42",
       "inputs": [{"name": "text", "shape": [2], "datatype": "BYTES",
                   "data": ["What is the capital of France?", "Paris is the capital of France."]}],
       "outputs": [{"name": "embedding"}]}
      """;

  @Test
  void v2InferEmbeddingsSameByAliasAndByPath() {
    var byPath = send("POST", null, "/v2/models/embeddings/infer", EMBED_INFER);
    var byAlias =
        send("POST", "embeddings-predictor.ai-ml", "/v2/models/embeddings/infer", EMBED_INFER);
    var byPrefix =
        send("POST", null, "/embeddings/v2/models/embeddings/versions/1/infer", EMBED_INFER);
    assertThat(byPath.statusCode()).as(byPath.body()).isEqualTo(200);
    JsonNode out = json(byPath.body());
    assertThat(out.get("id").asText()).isEqualTo("42");
    assertThat(out.get("model_name").asText()).isEqualTo("embeddings");
    JsonNode t = out.get("outputs").get(0);
    assertThat(t.get("name").asText()).isEqualTo("embedding");
    assertThat(t.get("datatype").asText()).isEqualTo("FP32");
    assertThat(t.get("shape").toString()).isEqualTo("[2,384]");
    assertThat(t.get("data")).hasSize(768);
    assertThat(json(byAlias.body())).isEqualTo(out);
    assertThat(json(byPrefix.body())).isEqualTo(out);
  }

  @Test
  void v2InferRerankScoresTheRelevantDocumentHighest() {
    String body =
        """
        {"inputs": [
          {"name": "query", "shape": [1], "datatype": "BYTES", "data": ["capital of France"]},
          {"name": "documents", "shape": [3], "datatype": "BYTES",
           "data": ["Bananas are yellow.", "Paris is the capital of France.", "Cars have wheels."]}],
         "parameters": {"raw_scores": true}}
        """;
    var byAlias =
        send(
            "POST",
            "reranker-predictor.ai-ml.svc.cluster.local",
            "/v2/models/reranker/infer",
            body);
    var byPath = send("POST", null, "/v2/models/reranker/infer", body);
    assertThat(byPath.statusCode()).as(byPath.body()).isEqualTo(200);
    JsonNode scores = json(byPath.body()).get("outputs").get(0).get("data");
    assertThat(scores.get(1).asDouble()).isGreaterThan(scores.get(0).asDouble());
    assertThat(scores.get(1).asDouble()).isGreaterThan(scores.get(2).asDouble());
    assertThat(json(byAlias.body())).isEqualTo(json(byPath.body()));
  }

  @Test
  void v1PredictSameByAliasAndByPath() {
    String body = "{\"instances\": [\"first sentence\", \"second sentence\"]}";
    var byPath = send("POST", null, "/v1/models/embeddings:predict", body);
    var byAlias =
        send("POST", "embeddings-predictor.ai-ml:8000", "/v1/models/embeddings:predict", body);
    assertThat(byPath.statusCode()).as(byPath.body()).isEqualTo(200);
    JsonNode preds = json(byPath.body()).get("predictions");
    assertThat(preds).hasSize(2);
    assertThat(preds.get(0)).hasSize(384);
    assertThat(json(byAlias.body())).isEqualTo(json(byPath.body()));

    String rr =
        "{\"instances\": [{\"query\": \"capital of France\", \"documents\": [\"Bananas.\", \"Paris is the capital of France.\"]}]}";
    JsonNode scores =
        json(send("POST", null, "/v1/models/reranker:predict", rr).body())
            .get("predictions")
            .get(0);
    assertThat(scores.get(1).asDouble()).isGreaterThan(scores.get(0).asDouble());
  }

  @Test
  void healthServerAndModelReadiness() {
    assertThat(json(send("GET", null, "/v2/health/live", null).body()).get("live").asBoolean())
        .isTrue();
    assertThat(send("GET", null, "/v2/health/ready", null).statusCode()).isEqualTo(200);
    assertThat(json(send("GET", null, "/v2", null).body()).get("name").asText())
        .isEqualTo("mixserve");
    assertThat(send("GET", null, "/v2/models/embeddings/ready", null).statusCode()).isEqualTo(200);
    assertThat(
            send("GET", "reranker-predictor.ai-ml", "/v2/models/reranker/versions/1/ready", null)
                .statusCode())
        .isEqualTo(200);
    JsonNode v1 = json(send("GET", null, "/v1/models/embeddings", null).body());
    assertThat(v1.get("name").asText()).isEqualTo("embeddings");
    assertThat(v1.get("ready").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"embeddings", "reranker"})
  void metadataFollowsTheV2Schema(String model) {
    var res = send("GET", model + "-predictor.ai-ml", "/v2/models/" + model, null);
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode m = json(res.body());
    assertThat(m.get("name").isTextual()).isTrue();
    assertThat(m.get("platform").isTextual()).isTrue();
    assertThat(m.get("versions").isArray()).isTrue();
    for (String field : new String[] {"inputs", "outputs"}) {
      assertThat(m.get(field).isArray()).isTrue();
      assertThat(m.get(field)).isNotEmpty();
      for (JsonNode t : m.get(field)) {
        assertThat(t.get("name").isTextual()).isTrue();
        assertThat(DATATYPES).contains(t.get("datatype").asText());
        assertThat(t.get("shape").isArray()).isTrue();
        t.get("shape").forEach(d -> assertThat(d.isIntegralNumber()).isTrue());
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          wrong datatype    | /v2/models/embeddings/infer | {"inputs":[{"name":"text","shape":[1],"datatype":"FP32","data":[1.0]}]} | 400
          shape mismatch    | /v2/models/embeddings/infer | {"inputs":[{"name":"text","shape":[3],"datatype":"BYTES","data":["a"]}]} | 400
          missing input     | /v2/models/reranker/infer   | {"inputs":[{"name":"query","shape":[1],"datatype":"BYTES","data":["q"]}]} | 400
          unknown input     | /v2/models/embeddings/infer | {"inputs":[{"name":"txt","shape":[1],"datatype":"BYTES","data":["a"]}]} | 400
          unknown output    | /v2/models/embeddings/infer | {"inputs":[{"name":"text","shape":[1],"datatype":"BYTES","data":["a"]}],"outputs":[{"name":"logits"}]} | 400
          no inputs         | /v2/models/embeddings/infer | {"inputs":[]} | 400
          not JSON          | /v2/models/embeddings/infer | {inputs | 400
          unknown model     | /v2/models/gpt-9/infer      | {"inputs":[{"name":"text","shape":[1],"datatype":"BYTES","data":["a"]}]} | 404
          unknown model v1  | /v1/models/gpt-9:predict    | {"instances":["a"]} | 404
          v1 no instances   | /v1/models/embeddings:predict | {"instances":[]} | 400
          """)
  void badV2AndV1RequestsGetKServeErrors(String name, String path, String body, int status) {
    var res = send("POST", null, path, body);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    assertThat(json(res.body()).get("error").asText()).isNotBlank();
  }

  @Test
  void unknownModelMetadataIs404AndWrongMethodIs405() {
    assertThat(send("GET", null, "/v2/models/nothing", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "embeddings-predictor.ai-ml", "/v2/models/reranker", null).statusCode())
        .isEqualTo(404);
    var res = send("GET", null, "/v2/models/embeddings/infer", null);
    assertThat(res.statusCode()).isEqualTo(405);
    assertThat(res.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void openAiRoutesUnderKServePrefix() {
    var res =
        TestServer.post("/openai/v1/embeddings", "{\"model\":\"embeddings\",\"input\":\"hi\"}");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    var rr = TestServer.post("/openai/v1/rerank", "{\"query\":\"q\",\"documents\":[\"a\",\"q\"]}");
    assertThat(rr.statusCode()).as(rr.body()).isEqualTo(200);
    assertThat(json(TestServer.get("/openai/v1/models").body()).get("data")).isNotEmpty();
    var scoped =
        send("POST", "embeddings-predictor.ai-ml", "/openai/v1/embeddings", "{\"input\":\"hi\"}");
    assertThat(scoped.statusCode()).isEqualTo(200);
  }
}
