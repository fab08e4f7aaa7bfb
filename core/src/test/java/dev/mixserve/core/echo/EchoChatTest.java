package dev.mixserve.core.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.ChatResult.FinishReason;
import dev.mixserve.api.engine.chat.Message;
import dev.mixserve.api.engine.chat.Message.Role;
import dev.mixserve.api.engine.chat.Sampling;
import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoChatTest {
  private final EchoEngine engine = new EchoEngine("echo", Task.CHAT, 8);

  private static ChatRequest chat(String user, Integer max) {
    return ChatRequest.chat(
        List.of(new Message(Role.SYSTEM, "be brief"), new Message(Role.USER, user)),
        max,
        Sampling.GREEDY);
  }

  @Test
  void streamsLastUserMessageWordByWord() {
    var pieces = new ArrayList<String>();
    ChatResult r = engine.generate(chat("hello big world @delay=1ms", null), pieces::add);
    assertThat(pieces).containsExactly("hello", " big", " world");
    assertThat(r.text()).isEqualTo("hello big world");
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.promptTokens()).isEqualTo(5);
    assertThat(r.completionTokens()).isEqualTo(3);
  }

  @Test
  void maxTokensEndsWithLength() {
    ChatResult r = engine.generate(chat("a b c d", 2), p -> {});
    assertThat(r.text()).isEqualTo("a b");
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void streamDirectiveRepeatsWords() {
    ChatResult r = engine.generate(chat("x y @stream=5", null), p -> {});
    assertThat(r.text()).isEqualTo("x y x y x");
    assertThat(r.completionTokens()).isEqualTo(5);
  }

  @Test
  void paceDirectiveSpacesTheWords() {
    long start = System.nanoTime();
    ChatResult r = engine.generate(chat("a @stream=4 @pace=30ms", null), p -> {});
    assertThat(r.text()).isEqualTo("a a a a");
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(90_000_000L); // 3 gaps
  }

  @Test
  void stopSequenceCutsTheText() {
    var pieces = new ArrayList<String>();
    ChatResult r =
        engine.generate(chat("one two three four", null).withStop(List.of("thr")), pieces::add);
    assertThat(r.text()).isEqualTo("one two ");
    assertThat(String.join("", pieces)).isEqualTo(r.text());
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
  }

  @Test
  void failDirectiveFailsThePoll() {
    assertThatThrownBy(() -> engine.generate(chat("boom @fail", null), p -> {}))
        .isInstanceOf(ServeException.class)
        .extracting(e -> ((ServeException) e).status())
        .isEqualTo(500);
  }

  @Test
  void pollTimesOutWhileDelayed() throws Exception {
    try (var g = engine.start(chat("slow @delay=300ms", null))) {
      assertThat(g.poll(Duration.ofMillis(20))).isNull();
      assertThat(g.poll(Duration.ofSeconds(5))).isInstanceOf(ChatEvent.Started.class);
    }
  }

  @Test
  void tooLongPromptNamesBothNumbers() {
    String huge = "w ".repeat(EchoChat.CONTEXT);
    assertThatThrownBy(() -> engine.start(ChatRequest.prompt(huge, null, null)))
        .hasMessageContaining("8192")
        .hasMessageContaining(Integer.toString(EchoChat.CONTEXT));
  }
}
