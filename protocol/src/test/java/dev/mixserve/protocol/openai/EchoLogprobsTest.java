package dev.mixserve.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.Logprob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A legacy completion's echo with logprobs: the prompt's tokens come first, from offset 0. */
class EchoLogprobsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Logprob token(String text, double logprob) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    var top =
        Double.isNaN(logprob) ? List.<Logprob>of() : List.of(new Logprob(text, b, logprob, null));
    return new Logprob(text, b, logprob, top);
  }

  private static ChatCompletionRequest request(String body) throws Exception {
    return ChatCompletionRequest.parseCompletion(JSON.readTree(body));
  }

  @Test
  void echoWithLogprobsAsksForThePromptsAndListsThemFirst() throws Exception {
    var req = request("{\"prompt\": \"Hi there\", \"echo\": true, \"logprobs\": 1}");
    assertThat(req.promptLogprobs()).isTrue();
    var result =
        new ChatResult(
            "!",
            ChatResult.FinishReason.LENGTH,
            2,
            1,
            Duration.ZERO,
            Duration.ZERO,
            List.of(token("!", -0.5)),
            // no BOS before "Hi": the model gives it no probability
            List.of(token("Hi", Double.NaN), token(" there", -2.0)));
    var head = new ChatCompletionResponse("cmpl-1", 1, "m", false);
    JsonNode choice = JSON.readTree(head.write(req, List.of(result))).path("choices").get(0);
    assertThat(choice.path("text").asText()).isEqualTo("Hi there!");
    JsonNode lp = choice.path("logprobs");
    assertThat(lp.path("tokens").toString()).isEqualTo("[\"Hi\",\" there\",\"!\"]");
    assertThat(lp.path("token_logprobs").toString()).isEqualTo("[null,-2.0,-0.5]");
    assertThat(lp.path("top_logprobs").toString())
        .isEqualTo("[null,{\" there\":-2.0},{\"!\":-0.5}]");
    assertThat(lp.path("text_offset").toString()).isEqualTo("[0,2,8]");

    // streamed: the echoed prompt's chunk carries the prompt's tokens from offset 0
    JsonNode chunk =
        JSON.readTree(
            new ChatChunk(head, false, true).content(0, "Hi there", result.promptLogprobs(), 0));
    assertThat(chunk.path("choices").get(0).path("logprobs").path("token_logprobs").toString())
        .isEqualTo("[null,-2.0]");
  }

  @Test
  void echoWithoutLogprobsOrLogprobsWithoutEchoAskNoPromptLogprobs() throws Exception {
    assertThat(request("{\"prompt\": \"x\", \"echo\": true}").promptLogprobs()).isFalse();
    assertThat(request("{\"prompt\": \"x\", \"logprobs\": 0}").promptLogprobs()).isFalse();
    assertThat(request("{\"prompt\": \"x\", \"echo\": true, \"logprobs\": 0}").promptLogprobs())
        .isTrue();
  }
}
