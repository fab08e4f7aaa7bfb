package dev.mixserve.api.engine;

import dev.mixserve.api.engine.chat.ChatEvent;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.ChatSink;
import dev.mixserve.api.engine.chat.Generation;
import dev.mixserve.api.error.ServeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates text from a chat conversation or a raw prompt, token by token.
 *
 * <p>The engine owns its slots and a bounded queue: {@link #start} returns at once with a {@link
 * Generation} that the caller polls on its own thread, so that a slow client never holds up the
 * other streams and the caller can send keep-alives while the request waits for a slot. Closing the
 * generation cancels it and frees its slot.
 */
public interface ChatEngine extends Engine {
  /** Tokens one request may use, prompt and completion together. */
  int contextSize();

  /** Tokens of the prompt this engine builds for the request (chat template applied). */
  int countTokens(ChatRequest request);

  /**
   * Queues a generation. Throws {@link ServeException} at once: invalid request when the prompt
   * does not fit {@link #contextSize()} (the message names both numbers), overloaded when the queue
   * is full.
   */
  Generation start(ChatRequest request);

  /**
   * Queues {@code n} answers to one prompt (OpenAI's {@code n}), choice {@code j} at index j. This
   * default queues n independent generations, choice j sampled with {@link
   * dev.mixserve.api.engine.chat.Sampling#forChoice}; an engine that can share the prompt's work
   * between them overrides it. Throws an invalid request naming {@code n} above {@link
   * #maxChoices()}.
   */
  default List<Generation> start(ChatRequest request, int n) {
    checkChoices(n);
    var out = new ArrayList<Generation>(n);
    try {
      for (int j = 0; j < n; j++) {
        out.add(start(request.withSampling(request.sampling().forChoice(j))));
      }
    } catch (RuntimeException e) {
      out.forEach(Generation::close);
      throw e;
    }
    return out;
  }

  /** The most choices ({@code n}) one request may ask for. */
  default int maxChoices() {
    return 16;
  }

  /** Refuses an {@code n} outside 1..{@link #maxChoices()}. */
  default void checkChoices(int n) {
    if (n < 1 || n > maxChoices()) {
      throw ServeException.invalid(
          "n", "'n' must be in 1.." + maxChoices() + " on this deployment, got " + n);
    }
  }

  /**
   * Whether {@link ChatRequest#logprobs()} is honoured. The gateway refuses logprobs with 400 for
   * an engine that says no, so that no engine silently ignores them.
   */
  default boolean givesLogprobs() {
    return false;
  }

  /** Slots generating now, for the slots-busy gauge. */
  default int busySlots() {
    return 0;
  }

  /** Requests waiting for a slot inside the engine. */
  default int queued() {
    return 0;
  }

  /**
   * Runs a generation to its end on the calling thread, handing each piece to the sink. If the sink
   * throws (a client went away), the generation is cancelled and the exception propagates.
   */
  default ChatResult generate(ChatRequest request, ChatSink sink) {
    try (Generation g = start(request)) {
      while (true) {
        ChatEvent e = g.poll(Duration.ofMinutes(10));
        switch (e) {
          case null -> {}
          case ChatEvent.Started s -> sink.started(s);
          case ChatEvent.Prompt p -> {}
          case ChatEvent.Piece p -> sink.piece(p.text());
          case ChatEvent.Finished f -> {
            return f.result();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServeException.unavailable("generation interrupted", 1);
    }
  }
}
