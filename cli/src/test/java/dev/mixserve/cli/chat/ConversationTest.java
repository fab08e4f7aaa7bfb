package dev.mixserve.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.client.ChatMessage;
import org.junit.jupiter.api.Test;

class ConversationTest {
  @Test
  void historyComesBeforeTheNewQuestionAfterTheSystemPrompt() {
    var c = new Conversation(1000, "be brief");
    c.record("q1", "a1");
    assertThat(c.messages("q2"))
        .containsExactly(
            ChatMessage.system("be brief"),
            ChatMessage.user("q1"),
            ChatMessage.assistant("a1"),
            ChatMessage.user("q2"));
  }

  @Test
  void theOldestTurnsAreDroppedToStayWithinTheBudget() {
    var c = new Conversation(40, null);
    c.record("old question " + "x".repeat(40), "old answer");
    c.record("new question", "new answer");
    var m = c.messages("now?");
    assertThat(m)
        .extracting(ChatMessage::content)
        .containsExactly("new question", "new answer", "now?");
    assertThat(m.stream().mapToInt(x -> Conversation.cost(x.content())).sum())
        .isLessThanOrEqualTo(40);
  }

  @Test
  void resetClearsHistoryButKeepsTheSystemPrompt() {
    var c = new Conversation(1000, "sys");
    c.record("q", "a");
    c.reset();
    assertThat(c.turns()).isZero();
    assertThat(c.messages("q2")).containsExactly(ChatMessage.system("sys"), ChatMessage.user("q2"));
  }

  @Test
  void aBlankSystemPromptRemovesIt() {
    var c = new Conversation(1000, "sys");
    c.system(" ");
    assertThat(c.messages("q")).containsExactly(ChatMessage.user("q"));
  }
}
