package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Disconnects, keep-alives while queued, a model that cannot be had, metrics. */
public class ChatLifecycleIT {
  @Test
  void aClientThatGoesAwayFreesItsSlot() throws Exception {
    String body =
        """
        {"prompt": "Once upon a time", "max_tokens": 480, "temperature": 0, "stream": true}""";
    var r =
        ChatHttp.client()
            .send(
                ChatHttp.request("/llm/v1/completions", body),
                HttpResponse.BodyHandlers.ofInputStream());
    try (var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = in.readLine();
      } while (line != null && !line.startsWith("data: "));
      assertThat(line).startsWith("data: ");
    } // closing the body before its end drops the connection
    await().atMost(Duration.ofSeconds(5)).until(() -> ChatTestServer.llm().busySlots() == 0);
    var after = ChatHttp.post("/llm/v1/completions", "{\"prompt\": \"Once\", \"max_tokens\": 4}");
    assertThat(after.statusCode()).isEqualTo(200);
  }

  @Test
  void keepAliveCommentsFlowWhileTheFirstTokenWaits() {
    String body =
        """
        {"messages": [{"role": "user", "content": "hi there @delay=1300ms"}], "stream": true}""";
    var r = ChatHttp.post("/echo-chat/v1/chat/completions", body);
    assertThat(r.statusCode()).isEqualTo(200);
    Sse sse = Sse.parse(r.body());
    int keepAlive = sse.lines().indexOf(": keep-alive");
    int firstData =
        sse.lines()
            .indexOf(
                sse.lines().stream().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow());
    assertThat(keepAlive).isNotNegative().isLessThan(firstData);
    assertThat(sse.text()).isEqualTo("hi there");
    assertThat(sse.finishReason()).isEqualTo("stop");
  }

  @Test
  void aModelThatCannotBeHadAnswers503WithHowToGiveOne() {
    var r =
        ChatHttp.post(
            "/nollm/v1/chat/completions",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("retry-after")).isPresent();
    assertThat(ChatHttp.json(r).path("error").path("message").asText())
        .contains("cannot be reached")
        .contains("--llm");
    var other = ChatHttp.post("/llm/v1/completions", "{\"prompt\": \"Once\", \"max_tokens\": 2}");
    assertThat(other.statusCode()).isEqualTo(200);
  }

  @Test
  void metricsCountTokensFirstTokenTimeAndSlots() throws Exception {
    ChatHttp.post(
        "/llm/v1/completions", "{\"prompt\": \"Once\", \"max_tokens\": 3, \"stream\": true}");
    String metrics =
        ChatHttp.client()
            .send(
                HttpRequest.newBuilder(URI.create(ChatTestServer.base() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .contains("mixserve_time_to_first_token_seconds_count{deployment=\"llm\"}")
        .contains("mixserve_inter_token_latency_seconds_count{deployment=\"llm\"}")
        .contains("mixserve_tokens_total{deployment=\"llm\",kind=\"completion\"}")
        .contains("mixserve_tokens_total{deployment=\"llm\",kind=\"prompt\"}")
        .contains("mixserve_slots_busy{deployment=\"llm\"}")
        .contains("mixserve_queue_duration_seconds_count{deployment=\"llm\"}");
  }
}
