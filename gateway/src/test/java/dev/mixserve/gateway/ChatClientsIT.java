package dev.mixserve.gateway;

import static dev.mixserve.gateway.ChatTestServer.GREEDY_32;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Real OpenAI clients talk to /llm as they would to OpenAI. */
public class ChatClientsIT {
  @Test
  void openAiSdkStreamsAChatCompletion() {
    var client =
        OpenAIOkHttpClient.builder()
            .baseUrl(ChatTestServer.base() + "/llm/v1")
            .apiKey("unused")
            .maxRetries(0)
            .build();
    var params =
        ChatCompletionCreateParams.builder()
            .model("stories260K")
            .addUserMessage("Once upon a time")
            .maxCompletionTokens(32)
            .temperature(0.0)
            .build();
    var text = new StringBuilder();
    var finish = new ArrayList<String>();
    try (var stream = client.chat().completions().createStreaming(params)) {
      stream.stream()
          .flatMap(c -> c.choices().stream())
          .forEach(
              (ChatCompletionChunk.Choice ch) -> {
                ch.delta().content().ifPresent(text::append);
                ch.finishReason().ifPresent(f -> finish.add(f.asString()));
              });
    }
    assertThat(text.toString()).isEqualTo(GREEDY_32);
    assertThat(finish).containsExactly("length");
  }

  @Test
  void langChain4jGetsAnAnswer() {
    var model =
        OpenAiChatModel.builder()
            .baseUrl(ChatTestServer.base() + "/v1")
            .apiKey("unused")
            .modelName("stories260K")
            .temperature(0.0)
            .maxTokens(32)
            .build();
    assertThat(model.chat("Once upon a time")).isEqualTo(GREEDY_32);
  }
}
