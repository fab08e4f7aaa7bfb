package dev.mixserve.cli.chat;

import dev.mixserve.client.ChatRequest;
import dev.mixserve.client.ChatResponse;
import dev.mixserve.client.ChatStream;
import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.Target;
import java.io.PrintStream;
import java.util.List;

/**
 * One chat: each question is (optionally) grounded in retrieved chunks, streamed to {@code out} as
 * it comes, and recorded in the history. {@link #cancel()} may be called from another thread (the
 * Ctrl-C handler) to stop the answer in progress.
 */
public final class ChatSession {
  private final MixserveClient client;
  private final Target target;
  private final Conversation conversation;
  private final Retriever retriever;
  private final Integer maxTokens;
  private volatile ChatStream current;

  public ChatSession(
      MixserveClient client,
      Target target,
      Conversation conversation,
      Retriever retriever,
      Integer maxTokens) {
    this.client = client;
    this.target = target;
    this.conversation = conversation;
    this.retriever = retriever;
    this.maxTokens = maxTokens;
  }

  public ChatResponse ask(String question, PrintStream out) {
    List<Hit> hits = retriever == null ? List.of() : retriever.retrieve(question);
    String content = hits.isEmpty() ? question : RagPrompt.message(question, hits);
    var request = new ChatRequest(conversation.messages(content), maxTokens, null, null);
    current =
        client.chatStream(
            target,
            request,
            piece -> {
              out.print(piece);
              out.flush();
            });
    ChatResponse answer;
    try {
      answer = current.await();
    } finally {
      current = null;
    }
    out.println(answer.cancelled() ? " [cancelled]" : "");
    if (!hits.isEmpty()) {
      out.println(RagPrompt.sources(hits));
    }
    conversation.record(question, answer.text());
    return answer;
  }

  /** Stops the answer in progress; true if there was one. */
  public boolean cancel() {
    ChatStream s = current;
    if (s != null) {
      s.cancel();
    }
    return s != null;
  }

  public Conversation conversation() {
    return conversation;
  }
}
