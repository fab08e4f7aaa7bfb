package dev.mixserve.gateway;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.openai.ChatChunk;
import dev.mixserve.protocol.openai.OpenAiError;
import java.time.Duration;

/**
 * One streamed answer. Pieces that are already waiting when one is written go out together in one
 * chunk (a "small group"); otherwise every piece is its own chunk, written as it comes. While no
 * event comes (queued for a slot, long prompt), a keep-alive comment goes out every second.
 */
final class ChatStream {
  static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

  private final SseWriter sse;
  private final ChatRun run;
  private final ChatChunk chunks;
  private final boolean chat;
  private final StringBuilder pending = new StringBuilder();

  ChatStream(SseWriter sse, ChatRun run, ChatChunk chunks, boolean chat) {
    this.sse = sse;
    this.run = run;
    this.chunks = chunks;
    this.chat = chat;
  }

  void run() {
    try (sse) {
      stream();
    } catch (ServeException e) {
      if (!sse.opened()) {
        throw e;
      }
      sse.data(OpenAiError.body(e)); // mid-stream: the status is already 200
    }
  }

  private void stream() {
    ChatEvent e = run.next(KEEP_ALIVE);
    while (true) {
      if (e instanceof ChatEvent.Piece p) {
        pending.append(p.text());
        ChatEvent more = run.next(Duration.ZERO);
        e = more != null ? more : flushThenNext();
        continue;
      }
      if (!pending.isEmpty()) {
        flush();
      }
      switch (e) {
        case null -> sse.keepAlive();
        case ChatEvent.Started s -> {
          if (chat) {
            sse.data(chunks.role());
          }
        }
        case ChatEvent.Finished f -> {
          sse.data(chunks.finish(f.result().finishReason()));
          if (chunks.includesUsage()) {
            sse.data(chunks.usage(f.result()));
          }
          sse.done();
          return;
        }
        case ChatEvent.Piece p -> throw new IllegalStateException("handled above");
      }
      e = run.next(KEEP_ALIVE);
    }
  }

  private ChatEvent flushThenNext() {
    flush();
    return run.next(KEEP_ALIVE);
  }

  private void flush() {
    sse.data(chunks.content(pending.toString()));
    pending.setLength(0);
  }
}
