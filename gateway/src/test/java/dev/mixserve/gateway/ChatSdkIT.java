package dev.mixserve.gateway;

import static dev.mixserve.gateway.ChatTestServer.GREEDY_32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK on chat's logprobs, n, echo and prompt batches; every answer is
 * validated against the SDK's model of OpenAI's schema (required fields such as refusal included).
 */
public class ChatSdkIT {
  private static final String PROMPT = "Once upon a time";

  private static OpenAIClient client(String base) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(ChatTestServer.base() + base)
        .apiKey("unused")
        .maxRetries(0)
        .build();
  }

  private static ChatCompletionCreateParams.Builder greedyChat() {
    return ChatCompletionCreateParams.builder()
        .model("stories260K")
        .addUserMessage(PROMPT)
        .maxCompletionTokens(32)
        .temperature(0.0);
  }

  @Test
  void chatLogprobsAndTwoChoicesWhole() {
    ChatCompletion c =
        client("/v1")
            .chat()
            .completions()
            .create(greedyChat().logprobs(true).topLogprobs(4).n(2).build())
            .validate();
    assertThat(c.choices()).hasSize(2);
    for (var choice : c.choices()) {
      assertThat(choice.message().content()).hasValue(GREEDY_32);
      assertThat(choice.message().refusal()).isEmpty();
      List<ChatCompletionTokenLogprob> content =
          choice.logprobs().orElseThrow().content().orElseThrow();
      assertThat(content).hasSize(32);
      for (var t : content) {
        assertThat(t.logprob()).isLessThanOrEqualTo(0);
        assertThat(t.topLogprobs()).hasSize(4);
        assertThat(t.topLogprobs().getFirst().token()).isEqualTo(t.token());
        double mass = t.topLogprobs().stream().mapToDouble(a -> Math.exp(a.logprob())).sum();
        assertThat(mass).isLessThanOrEqualTo(1.0 + 1e-9);
      }
    }
    assertThat(c.choices()).extracting(ChatCompletion.Choice::index).containsExactly(0L, 1L);
    assertThat(c.usage().orElseThrow().promptTokens()).isEqualTo(5);
    assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(64);
  }

  @Test
  void chatLogprobsAndTwoChoicesStreamed() {
    var text = new TreeMap<Long, StringBuilder>();
    var tokens = new ArrayList<String>();
    var params = greedyChat().logprobs(true).topLogprobs(2).n(2).build();
    try (StreamResponse<ChatCompletionChunk> s =
        client("/v1").chat().completions().createStreaming(params)) {
      s.stream()
          .forEach(
              chunk -> {
                chunk.validate();
                for (var ch : chunk.choices()) {
                  text.computeIfAbsent(ch.index(), k -> new StringBuilder())
                      .append(ch.delta().content().orElse(""));
                  if (ch.index() == 1) {
                    ch.logprobs()
                        .flatMap(l -> l.content())
                        .ifPresent(l -> l.forEach(t -> tokens.add(t.token())));
                  }
                }
              });
    }
    assertThat(text.keySet()).containsExactly(0L, 1L);
    assertThat(text.values()).allSatisfy(t -> assertThat(t.toString()).isEqualTo(GREEDY_32));
    assertThat(String.join("", tokens)).isEqualTo(GREEDY_32);
  }

  @Test
  void completionsBatchWithEchoAndLegacyLogprobs() {
    Completion c =
        client("/llm/v1")
            .completions()
            .create(
                CompletionCreateParams.builder()
                    .model("stories260K")
                    .prompt(CompletionCreateParams.Prompt.ofArrayOfStrings(List.of(PROMPT, "Lily")))
                    .n(2)
                    .echo(true)
                    .maxTokens(6)
                    .temperature(0.0)
                    .build())
            .validate();
    assertThat(c.choices()).extracting(CompletionChoice::index).containsExactly(0L, 1L, 2L, 3L);
    assertThat(c.choices().get(0).text()).startsWith(PROMPT).isEqualTo(c.choices().get(1).text());
    assertThat(c.choices().get(2).text()).startsWith("Lily");

    Completion lp =
        client("/llm/v1")
            .completions()
            .create(
                CompletionCreateParams.builder()
                    .model("stories260K")
                    .prompt(
                        CompletionCreateParams.Prompt.ofArrayOfTokens(
                            List.of(1L, 403L, 407L, 261L, 378L)))
                    .logprobs(3)
                    .maxTokens(32)
                    .temperature(0.0)
                    .build())
            .validate();
    var choice = lp.choices().getFirst();
    assertThat(choice.text()).isEqualTo(GREEDY_32);
    var logprobs = choice.logprobs().orElseThrow();
    assertThat(String.join("", logprobs.tokens().orElseThrow())).isEqualTo(GREEDY_32);
    assertThat(logprobs.tokenLogprobs().orElseThrow())
        .allSatisfy(l -> assertThat(l).isLessThanOrEqualTo(0));
    assertThat(logprobs.textOffset().orElseThrow().getFirst()).isZero();

    Completion echoed =
        client("/llm/v1")
            .completions()
            .create(
                CompletionCreateParams.builder()
                    .model("stories260K")
                    .prompt(PROMPT)
                    .echo(true)
                    .logprobs(1)
                    .maxTokens(4)
                    .temperature(0.0)
                    .build())
            .validate();
    var scored = echoed.choices().getFirst().logprobs().orElseThrow();
    assertThat(String.join("", scored.tokens().orElseThrow()))
        .isEqualTo(echoed.choices().getFirst().text())
        .startsWith(PROMPT);
    assertThat(scored.tokenLogprobs().orElseThrow()).hasSize(8);
  }

  @Test
  void anEngineWithoutLogprobsRefusesThem() {
    var params =
        ChatCompletionCreateParams.builder()
            .model("echo-chat")
            .addUserMessage("hello")
            .logprobs(true)
            .build();
    assertThatThrownBy(() -> client("/echo-chat/v1").chat().completions().create(params))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("logprobs");
  }
}
