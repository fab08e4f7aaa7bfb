package dev.mixserve.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Message;
import dev.mixserve.api.engine.chat.OutputFormat;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatCompletionRequestTest {
  private static ChatCompletionRequest chat(String json) {
    return ChatCompletionRequest.parseChat(Json.object(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void mapsEveryField() {
    var r =
        chat(
            """
            {"model": "m", "messages": [{"role": "developer", "content": "sys"},
              {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}],
             "max_tokens": 9, "max_completion_tokens": 7, "temperature": 0.5, "top_p": 0.9,
             "seed": 42, "presence_penalty": 1, "frequency_penalty": -1, "stop": "END",
             "response_format": {"type": "json_schema", "json_schema": {"schema": {"type": "object"}}},
             "stream": true, "stream_options": {"include_usage": true}, "n": 1}""");
    var req = r.request();
    var messages = ((ChatRequest.Input.Messages) req.input()).messages();
    assertThat(messages)
        .containsExactly(
            new Message(Message.Role.SYSTEM, "sys"), new Message(Message.Role.USER, "ab"));
    assertThat(req.maxTokens()).isEqualTo(7);
    assertThat(req.sampling().seed()).isEqualTo(42L);
    assertThat(req.sampling().topP()).isEqualTo(0.9);
    assertThat(req.stop()).containsExactly("END");
    assertThat(req.format()).isEqualTo(new OutputFormat.JsonSchema("{\"type\":\"object\"}"));
    assertThat(r.stream()).isTrue();
    assertThat(r.includeUsage()).isTrue();
  }

  @Test
  void legacyCompletionsDefaultToSixteenTokens() {
    var r =
        ChatCompletionRequest.parseCompletion(
            Json.object("{\"prompt\": [\"Once\"]}".getBytes(StandardCharsets.UTF_8)));
    assertThat(r.request().maxTokens()).isEqualTo(16);
    assertThat(r.request().input()).isEqualTo(new ChatRequest.Input.Prompt("Once"));
    assertThat(r.chat()).isFalse();
  }

  @Test
  void toolsAreRefusedByName() {
    assertThatThrownBy(
            () ->
                chat(
                    """
                    {"messages": [{"role": "user", "content": "x"}], "tools": [{"type": "function"}]}"""))
        .isInstanceOf(ServeException.class)
        .extracting(e -> ((ServeException) e).param())
        .isEqualTo("tools");
  }
}
