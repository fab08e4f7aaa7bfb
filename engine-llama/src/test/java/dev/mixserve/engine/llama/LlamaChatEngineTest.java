package dev.mixserve.engine.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.ChatResult.FinishReason;
import dev.mixserve.api.engine.chat.Message;
import dev.mixserve.api.engine.chat.OutputFormat;
import dev.mixserve.api.engine.chat.Sampling;
import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LlamaChatEngineTest {
  private static LlamaChatEngine engine;

  @BeforeAll
  static void load() {
    engine = Stories.engine(Map.of("context_size", 512L, "parallel", 4L));
  }

  @AfterAll
  static void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private static ChatRequest greedy(int max) {
    return ChatRequest.prompt(Stories.PROMPT, max, Sampling.GREEDY);
  }

  @Test
  void greedyCompletionIsTheKnownStory() {
    var pieces = new ArrayList<String>();
    ChatResult r = engine.generate(greedy(32), pieces::add);
    assertThat(r.text()).isEqualTo(Stories.GREEDY_32);
    assertThat(String.join("", pieces)).isEqualTo(r.text());
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.promptTokens()).isEqualTo(5); // BOS + 4
    assertThat(r.completionTokens()).isEqualTo(32);
  }

  @Test
  void chatWithoutTemplateCompletesTheUserText() {
    var chat =
        ChatRequest.chat(
            List.of(new Message(Message.Role.USER, Stories.PROMPT)), 32, Sampling.GREEDY);
    assertThat(engine.generate(chat, p -> {}).text()).isEqualTo(Stories.GREEDY_32);
    assertThat(engine.card().details())
        .containsEntry("chat_template", "none (plain text fallback)");
  }

  @Test
  void stopSequenceStops() {
    ChatResult r = engine.generate(greedy(32).withStop(List.of("Lily")), p -> {});
    assertThat(r.text()).isEqualTo(", there was a little girl named ");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void fourConcurrentGenerationsComplete() throws Exception {
    try (var pool = Executors.newFixedThreadPool(4)) {
      var results = new ArrayList<Future<ChatResult>>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> engine.generate(greedy(32), p -> {})));
      }
      for (Future<ChatResult> f : results) {
        assertThat(f.get().text()).isEqualTo(Stories.GREEDY_32);
      }
    }
  }

  @Test
  void closingAGenerationFreesItsSlot() throws Exception {
    var g = engine.start(greedy(480));
    assertThat(g.poll(Duration.ofSeconds(10))).isInstanceOf(ChatEvent.Started.class);
    assertThat(g.poll(Duration.ofSeconds(10))).isInstanceOf(ChatEvent.Piece.class);
    g.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.busySlots() == 0);
    long after = engine.tokensGenerated();
    Thread.sleep(50); // nothing may still be generating for the closed request
    assertThat(engine.tokensGenerated()).isEqualTo(after);
    assertThat(engine.generate(greedy(8), p -> {}).completionTokens()).isEqualTo(8);
  }

  @Test
  void tooLongPromptNamesContextAndLength() {
    var r = ChatRequest.prompt("Once upon a time ".repeat(200), 8, Sampling.GREEDY);
    assertThatThrownBy(() -> engine.start(r))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("maximum context length is 512 tokens")
        .hasMessageContaining("your prompt has " + engine.countTokens(r) + " tokens");
  }

  @Test
  void jsonObjectFormatConstrainsTheOutput() {
    var r = greedy(24).withFormat(new OutputFormat.JsonObject());
    assertThat(engine.generate(r, p -> {}).text()).startsWith("{");
  }

  @Test
  void aGrammarThatDoesNotParseIsABadRequest() {
    var r = greedy(8).withFormat(new OutputFormat.Grammar("root ::= ["));
    assertThatThrownBy(() -> engine.start(r))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("grammar");
  }

  @Test
  void aGrammarShapesTheText() {
    var r = greedy(8).withFormat(new OutputFormat.Grammar("root ::= \"yes\" | \"no\""));
    ChatResult result = engine.generate(r, p -> {});
    assertThat(result.text()).isIn("yes", "no");
    assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void sampledTextWithASeedRepeats() {
    var r = ChatRequest.prompt(Stories.PROMPT, 48, new Sampling(2.0, 0.95, 42L, 0.5, 0.5));
    var other = ChatRequest.prompt(Stories.PROMPT, 48, new Sampling(2.0, 0.95, 7L, 0.5, 0.5));
    String first = engine.generate(r, p -> {}).text();
    assertThat(engine.generate(r, p -> {}).text()).isEqualTo(first);
    assertThat(engine.generate(other, p -> {}).text()).isNotEqualTo(first);
    assertThat(first).isNotEqualTo(engine.generate(greedy(48), p -> {}).text());
  }

  @Test
  void endedGenerationsLeaveNothingInTheCache() throws Exception {
    fourConcurrentGenerationsComplete();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> engine.busySlots() == 0 && engine.cachedWhenIdle() == 0);
  }

  @Test
  void aNamedTemplateRendersTheConversation() {
    try (var chatml = Stories.engine(Map.of("context_size", 256L, "chat_template", "chatml"))) {
      var chat =
          ChatRequest.chat(
              List.of(
                  new Message(Message.Role.SYSTEM, "Be brief."),
                  new Message(Message.Role.USER, Stories.PROMPT)),
              4,
              Sampling.GREEDY);
      assertThat(chatml.card().details()).containsEntry("chat_template", "engine option");
      // the ChatML markers and both messages are read, so the prompt is longer than the text
      assertThat(chatml.countTokens(chat)).isGreaterThan(engine.countTokens(chat) + 6);
      assertThat(chatml.generate(chat, p -> {}).completionTokens()).isPositive();
    }
  }

  @Test
  void aTemplateLlamaCppDoesNotKnowIsRefusedAtLoad() {
    assertThatThrownBy(() -> Stories.engine(Map.of("chat_template", "{{ messages | shuffle }}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chat_template");
  }

  @Test
  void aContextBeyondTheTrainedOneIsCut() {
    var o = LlamaOptions.parse(Map.of("context_size", 4096L));
    assertThat(o.slotContext(2048)).isEqualTo(2048);
    assertThat(o.slotContext(8192)).isEqualTo(4096);
    assertThat(LlamaOptions.parse(Map.of()).slotContext(0)).isEqualTo(LlamaOptions.CONTEXT_CAP);
  }

  @Test
  void ggufMetadataIsRead() {
    GgufInfo info = GgufInfo.read(Stories.file());
    assertThat(info.architecture()).isEqualTo("llama");
    assertThat(info.trainedContext()).isEqualTo(2048);
    assertThat(info.chatTemplate()).isNull();
    assertThat(info.addsBos()).isTrue();
  }
}
