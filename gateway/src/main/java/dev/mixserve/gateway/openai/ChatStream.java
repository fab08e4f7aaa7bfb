package dev.mixserve.gateway.openai;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.gateway.http.SseWriter;
import dev.mixserve.gateway.http.StreamCut;
import dev.mixserve.protocol.openai.ChatChunk;
import dev.mixserve.protocol.openai.OpenAiError;
import java.time.Duration;

/**
 * One streamed answer. Pieces that are already waiting when one is written go out together in one
 * chunk (a "small group"); otherwise every piece is its own chunk, written as it comes. While no
 * event comes (queued for a slot, long prompt), a keep-alive comment goes out every second.
 *
 * <p>When the server must go away before the answer is done ({@link StreamCut}), the stream ends
 * with what it has, a chunk with finish_reason {@value #CUT_SHORT}, and an error event (OpenAI's
 * error object, type server_error, code service_unavailable), without [DONE]. OpenAI has no
 * finish_reason for this: "stop" would say the answer is whole and "length" that max_tokens cut it,
 * which a client might act on by raising it. "abort" is what vLLM and SGLang report for an aborted
 * request, so clients of OpenAI-compatible servers already meet it; the error event is what
 * OpenAI's SDKs raise on.
 */
public final class ChatStream {
  static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

  /** The finish_reason of an answer the server ended before the model did. */
  static final String CUT_SHORT = "abort";

  private final SseWriter sse;
  private final ChatRun run;
  private final ChatChunk chunks;
  private final boolean chat;
  private final StreamCut cut;
  private final StringBuilder pending = new StringBuilder();

  ChatStream(SseWriter sse, ChatRun run, ChatChunk chunks, boolean chat, StreamCut cut) {
    this.sse = sse;
    this.run = run;
    this.chunks = chunks;
    this.chat = chat;
    this.cut = cut;
  }

  void run() {
    try (sse) {
      try {
        stream();
      } catch (ServeException e) {
        if (!sse.opened()) {
          throw e;
        }
        sse.data(OpenAiError.body(e)); // mid-stream: the status is already 200
      }
    }
  }

  private void stream() {
    ChatEvent e = run.next(KEEP_ALIVE);
    while (true) {
      ServeException why = cut.reason();
      if (why != null && !(e instanceof ChatEvent.Finished)) {
        if (e instanceof ChatEvent.Piece p) {
          pending.append(p.text());
        }
        end(why);
        return;
      }
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

  /** Ends the answer early: what it has, a last chunk, and why. */
  private void end(ServeException why) {
    if (!sse.opened()) {
      throw why; // nothing sent yet: a plain 503 with Retry-After says it best
    }
    if (!pending.isEmpty()) {
      flush();
    }
    sse.data(chunks.finish(CUT_SHORT));
    sse.data(OpenAiError.body(why));
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
