package dev.mixserve.gateway;

import static dev.mixserve.gateway.EmbeddingsIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The echo deployment runs 1 request and queues 1; the rest must be refused, never dropped. */
public class AdmissionIT {
  @Test
  void overloadIsAnsweredWith429AndRetryAfter() throws Exception {
    int clients = 6;
    var responses = new ArrayList<HttpResponse<String>>();
    try (var pool = Executors.newFixedThreadPool(clients)) {
      var calls = new ArrayList<Callable<HttpResponse<String>>>();
      for (int i = 0; i < clients; i++) {
        calls.add(
            () -> TestServer.post("/echo/v1/embeddings", "{\"input\":\"@delay=400ms hold\"}"));
      }
      for (var f : pool.invokeAll(calls)) {
        responses.add(f.get());
      }
    }
    long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
    var refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
    assertThat(ok + refused.size()).isEqualTo(clients);
    assertThat(ok).isBetween(2L, 5L);
    assertThat(refused).isNotEmpty();
    for (var r : refused) {
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(json(r.body()).get("error").get("type").asText()).isEqualTo("rate_limit_error");
    }
  }

  @Test
  void engineFailureIsA500WithAnOpenAiBodyAndTheServerGoesOn() {
    var res = TestServer.post("/echo/v1/embeddings", "{\"input\":\"@fail please\"}");
    assertThat(res.statusCode()).isEqualTo(500);
    assertThat(json(res.body()).get("error").get("type").asText()).isEqualTo("server_error");
    assertThat(TestServer.post("/echo/v1/embeddings", "{\"input\":\"fine\"}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void requestTimeoutHeaderBoundsTheWait() {
    var res =
        TestServer.send(
            java.net.http.HttpRequest.newBuilder(TestServer.uri("/echo/v1/embeddings"))
                .header("Content-Type", "application/json")
                .header("X-Request-Timeout", "0.2")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"input\":\"@delay=2s slow\"}"))
                .build());
    assertThat(res.statusCode()).isEqualTo(503);
    assertThat(res.headers().firstValue("Retry-After")).isPresent();
  }
}
