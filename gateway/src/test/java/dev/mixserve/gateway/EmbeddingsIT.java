package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

public class EmbeddingsIT {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  static float[] vector(JsonNode data) {
    JsonNode e = data.get("embedding");
    float[] v = new float[e.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) e.get(i).asDouble();
    }
    return v;
  }

  static float[] embed(String text) {
    var res =
        TestServer.post("/embeddings/v1/embeddings", "{\"input\":" + JSON.valueToTree(text) + "}");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return vector(json(res.body()).get("data").get(0));
  }

  static double cos(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void vectorsAre384DimensionalAndUnitLength() {
    float[] v = embed("mixserve serves embeddings");
    assertThat(v).hasSize(384);
    assertThat(cos(v, v)).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void relatedSentencesScoreHigherThanUnrelated() {
    float[] q = embed("How do I bake bread at home?");
    float[] related = embed("A simple recipe for homemade bread with flour, water and yeast.");
    float[] unrelated = embed("The central bank raised interest rates by half a point.");
    assertThat(cos(q, related)).isGreaterThan(cos(q, unrelated) + 0.1);
  }

  @Test
  void base64DecodesToTheSameFloats() {
    String body = "{\"input\":[\"same text\"],\"encoding_format\":\"base64\"}";
    var res = TestServer.post("/embeddings/v1/embeddings", body);
    assertThat(res.statusCode()).isEqualTo(200);
    byte[] raw =
        Base64.getDecoder().decode(json(res.body()).get("data").get(0).get("embedding").asText());
    var fb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] decoded = new float[fb.remaining()];
    fb.get(decoded);
    assertThat(decoded).containsExactly(embed("same text"));
  }

  @Test
  void usageCountsRealTokens() {
    var res =
        TestServer.post("/embeddings/v1/embeddings", "{\"input\":[\"hello world\",\"hello\"]}");
    JsonNode usage = json(res.body()).get("usage");
    // [CLS] hello world [SEP] + [CLS] hello [SEP]
    assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(7);
    assertThat(usage.get("total_tokens").asInt()).isEqualTo(7);
  }

  @Test
  void vectorIsTheSameAloneAndBatchedWithOthersOfOtherLengths() throws Exception {
    String text = "The vector of a text must not depend on its batch companions.";
    float[] alone = embed(text);
    var inputs = new ArrayList<String>();
    for (int i = 0; i < 31; i++) {
      inputs.add("companion " + i + " " + "filler words ".repeat(i * 3));
    }
    inputs.add(17, text);
    var res =
        TestServer.post(
            "/embeddings/v1/embeddings", "{\"input\":" + JSON.writeValueAsString(inputs) + "}");
    float[] batched = vector(json(res.body()).get("data").get(17));
    double max = 0;
    for (int i = 0; i < alone.length; i++) {
      max = Math.max(max, Math.abs(alone[i] - batched[i]));
    }
    assertThat(max).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void concurrentRequestsAreMergedIntoBatches() throws Exception {
    var before =
        MetricsText.histogram(
            TestServer.get("/metrics").body(), "mixserve_batch_size", "embeddings");
    int clients = 32;
    try (var pool = Executors.newFixedThreadPool(clients)) {
      var calls = new ArrayList<Callable<Integer>>();
      for (int i = 0; i < clients; i++) {
        String body = "{\"input\":\"concurrent request number " + i + "\"}";
        calls.add(() -> TestServer.post("/embeddings/v1/embeddings", body).statusCode());
      }
      for (var f : pool.invokeAll(calls)) {
        assertThat(f.get()).isEqualTo(200);
      }
    }
    var after =
        MetricsText.histogram(
            TestServer.get("/metrics").body(), "mixserve_batch_size", "embeddings");
    double items = after.sum() - before.sum();
    double batches = after.count() - before.count();
    assertThat(items).isEqualTo(clients);
    assertThat(batches)
        .as("32 concurrent texts should need fewer than 32 engine calls")
        .isLessThan(clients);
  }

  @Test
  void rootPathDispatchesByModelAndAliasReachesTheSameDeployment() {
    String body = "{\"input\":\"route me\",\"model\":\"bge-small-en-v1.5\"}";
    var viaRoot = TestServer.post("/v1/embeddings", body);
    var viaPath = TestServer.post("/embeddings/v1/embeddings", body);
    var viaAlias =
        TestServer.send(
            java.net.http.HttpRequest.newBuilder(TestServer.uri("/v1/embeddings"))
                .header("Host", "embeddings-predictor.ai-ml.svc.cluster.local:8000")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertThat(viaRoot.statusCode()).isEqualTo(200);
    assertThat(vector(json(viaRoot.body()).get("data").get(0)))
        .containsExactly(vector(json(viaPath.body()).get("data").get(0)));
    assertThat(viaAlias.statusCode()).isEqualTo(200);
    assertThat(vector(json(viaAlias.body()).get("data").get(0)))
        .containsExactly(vector(json(viaPath.body()).get("data").get(0)));
  }

  @Test
  void modelsListSaysWhatServes() {
    JsonNode data = json(TestServer.get("/v1/models").body()).get("data");
    List<String> ids = new ArrayList<>();
    data.forEach(m -> ids.add(m.get("id").asText()));
    assertThat(ids).contains("embeddings", "reranker", "echo");
    data.forEach(
        m -> {
          if (m.get("id").asText().equals("reranker")) {
            assertThat(m.get("description").asText()).contains("NOT a cross-encoder");
          }
        });
  }
}
