package dev.mixserve.cli.chat;

import dev.mixserve.client.ChatMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The history of one chat, kept within a context budget: the oldest question-and-answer pairs are
 * dropped first; the system prompt and the new question always stay. Tokens are estimated at four
 * characters each (plus a few per message for the template), because the client has no tokenizer;
 * the budget should leave room for the answer.
 */
public final class Conversation {
  private static final int PER_MESSAGE = 4;

  private final int budgetTokens;
  private final Deque<ChatMessage[]> turns = new ArrayDeque<>();
  private String system;

  public Conversation(int budgetTokens, String system) {
    if (budgetTokens < 16) {
      throw new IllegalArgumentException(
          "a context budget needs at least 16 tokens, got " + budgetTokens);
    }
    this.budgetTokens = budgetTokens;
    this.system = system;
  }

  /**
   * The messages to send for {@code userContent}: system, what fits of the history, the question.
   */
  public List<ChatMessage> messages(String userContent) {
    var out = new ArrayList<ChatMessage>();
    int used = cost(userContent) + (system == null ? 0 : cost(system));
    var kept = new ArrayDeque<ChatMessage[]>();
    for (var it = turns.descendingIterator(); it.hasNext(); ) {
      ChatMessage[] turn = it.next();
      int c = cost(turn[0].content()) + cost(turn[1].content());
      if (used + c > budgetTokens) {
        break;
      }
      used += c;
      kept.addFirst(turn);
    }
    if (system != null) {
      out.add(ChatMessage.system(system));
    }
    kept.forEach(t -> out.addAll(List.of(t)));
    out.add(ChatMessage.user(userContent));
    return out;
  }

  public void record(String question, String answer) {
    turns.addLast(new ChatMessage[] {ChatMessage.user(question), ChatMessage.assistant(answer)});
  }

  public void reset() {
    turns.clear();
  }

  public void system(String text) {
    system = text == null || text.isBlank() ? null : text;
  }

  public int turns() {
    return turns.size();
  }

  static int cost(String text) {
    return PER_MESSAGE + (text.length() + 3) / 4;
  }
}
