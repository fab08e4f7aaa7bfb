package dev.mixserve.gateway;

import static dev.mixserve.gateway.ChatTestServer.GREEDY_32;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** /v1/completions and /v1/chat/completions on stories260K, whole and streamed, over HTTP. */
public class ChatCompletionsIT {
  private static final String GREEDY =
      """
      {"prompt": "Once upon a time", "max_tokens": 32, "temperature": 0%s}""";
  private static final String CHAT =
      """
      {"model": "stories260K", "messages": [{"role": "user", "content": "Once upon a time"}],
       "max_completion_tokens": 32, "temperature": 0%s}""";

  @Test
  void greedyCompletionIsTheKnownStoryWithUsage() {
    var r = ChatHttp.post("/llm/v1/completions", GREEDY.formatted(""));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = ChatHttp.json(r);
    assertThat(body.path("object").asText()).isEqualTo("text_completion");
    assertThat(body.path("choices").get(0).path("text").asText()).isEqualTo(GREEDY_32);
    assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
    assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(5);
    assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(32);
    assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(37);
  }

  @Test
  void chatAtTheRootByModelName() {
    var r = ChatHttp.post("/v1/chat/completions", CHAT.formatted(""));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode choice = ChatHttp.json(r).path("choices").get(0);
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").asText()).isEqualTo(GREEDY_32);
  }

  @Test
  void chatUnderKServesOpenAiPrefix() {
    var r = ChatHttp.post("/openai/v1/chat/completions", CHAT.formatted(""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ChatHttp.json(r).path("choices").get(0).path("message").path("content").asText())
        .isEqualTo(GREEDY_32);
  }

  @Test
  void streamedChatIsTheSameTextWithFinishReasonUsageAndDone() {
    String extra = ", \"stream\": true, \"stream_options\": {\"include_usage\": true}";
    var r = ChatHttp.post("/llm/v1/chat/completions", CHAT.formatted(extra));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
    Sse sse = Sse.parse(r.body());
    assertThat(sse.chunks().getFirst().path("choices").get(0).path("delta").path("role").asText())
        .isEqualTo("assistant");
    assertThat(sse.text()).isEqualTo(GREEDY_32);
    assertThat(sse.finishReason()).isEqualTo("length");
    JsonNode last = sse.chunks().getLast();
    assertThat(last.path("choices")).isEmpty();
    assertThat(last.path("usage").path("completion_tokens").asInt()).isEqualTo(32);
    assertThat(sse.chunks().get(1).path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(sse.done()).isTrue();
  }

  @Test
  void streamedCompletionMatchesTheWholeOne() {
    var r = ChatHttp.post("/llm/v1/completions", GREEDY.formatted(", \"stream\": true"));
    Sse sse = Sse.parse(r.body());
    assertThat(sse.text()).isEqualTo(GREEDY_32);
    assertThat(sse.finishReason()).isEqualTo("length");
    assertThat(sse.chunks()).allSatisfy(c -> assertThat(c.has("usage")).isFalse());
  }

  @Test
  void stopSequencesStop() {
    var r =
        ChatHttp.post("/llm/v1/completions", GREEDY.formatted(", \"stop\": [\"Lily\", \"zzz\"]"));
    JsonNode choice = ChatHttp.json(r).path("choices").get(0);
    assertThat(choice.path("text").asText()).isEqualTo(", there was a little girl named ");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    var s =
        ChatHttp.post(
            "/llm/v1/completions", GREEDY.formatted(", \"stop\": \"Lily\", \"stream\": true"));
    assertThat(Sse.parse(s.body()).text()).isEqualTo(", there was a little girl named ");
  }

  @Test
  void fourConcurrentStreamsAllComplete() {
    var futures = new ArrayList<CompletableFuture<HttpResponse<String>>>();
    for (int i = 0; i < 4; i++) {
      futures.add(
          ChatHttp.client()
              .sendAsync(
                  ChatHttp.request(
                      "/llm/v1/chat/completions", CHAT.formatted(", \"stream\": true")),
                  HttpResponse.BodyHandlers.ofString()));
    }
    for (var f : futures) {
      Sse sse = Sse.parse(f.join().body());
      assertThat(sse.text()).isEqualTo(GREEDY_32);
      assertThat(sse.done()).isTrue();
    }
  }
}
