package dev.mixserve.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixserve.api.engine.chat.ChatResult;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatChunkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode parse(byte[] json) throws Exception {
    return JSON.readTree(json);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void contentChunksCarryAnyTextExactly(boolean chat) throws Exception {
    var chunk = new ChatChunk(new ChatCompletionResponse("id-1", 7, "m\"odel", chat), true);
    String text = "quote \" back \\ newline \n nul \u0000 émoji 🙂 </script>";
    JsonNode c = parse(chunk.content(text));
    JsonNode choice = c.path("choices").get(0);
    assertThat(chat ? choice.path("delta").path("content").asText() : choice.path("text").asText())
        .isEqualTo(text);
    assertThat(c.path("model").asText()).isEqualTo("m\"odel");
    assertThat(c.path("object").asText())
        .isEqualTo(chat ? "chat.completion.chunk" : "text_completion");
    assertThat(choice.path("finish_reason").isNull()).isTrue();
    assertThat(c.has("usage")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void lastChunksCarryFinishReasonThenUsage(boolean chat) throws Exception {
    var chunk = new ChatChunk(new ChatCompletionResponse("id-1", 7, "m", chat), true);
    assertThat(
            parse(chunk.finish(ChatResult.FinishReason.LENGTH))
                .path("choices")
                .get(0)
                .path("finish_reason")
                .asText())
        .isEqualTo("length");
    var result =
        new ChatResult("x", ChatResult.FinishReason.STOP, 5, 3, Duration.ZERO, Duration.ZERO);
    JsonNode usage = parse(chunk.usage(result));
    assertThat(usage.path("choices")).isEmpty();
    assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(8);
  }
}
