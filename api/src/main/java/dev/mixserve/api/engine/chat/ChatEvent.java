package dev.mixserve.api.engine.chat;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What a {@link Generation} reports, in this order: Started, Prompt?, Piece*, Finished. */
public sealed interface ChatEvent {
  /**
   * A slot took the request.
   *
   * @param queued time spent waiting for the slot
   * @param promptTokens tokens of the prompt as the model reads it
   */
  record Started(Duration queued, int promptTokens) implements ChatEvent {}

  /**
   * The prompt's tokens with their logprobs, once the prompt is read; only when the request asked
   * ({@link ChatRequest#promptLogprobs}).
   */
  record Prompt(List<Logprob> logprobs) implements ChatEvent {
    public Prompt {
      logprobs = List.copyOf(logprobs);
    }
  }

  /**
   * Text of one token or a few (a token can end inside a UTF-8 character). Never empty.
   *
   * @param madeNanos when the engine made it ({@link System#nanoTime}): token timings are the
   *     engine's, even when a reader takes pieces in groups
   * @param logprobs the tokens this text completes, when the request asked for logprobs; a token
   *     whose text never reaches a piece (cut by a stop sequence) appears nowhere
   */
  record Piece(String text, long madeNanos, List<Logprob> logprobs) implements ChatEvent {
    public Piece {
      if (text.isEmpty()) {
        throw new IllegalArgumentException("empty piece");
      }
      logprobs = List.copyOf(logprobs == null ? List.of() : logprobs);
    }

    public Piece(String text, long madeNanos) {
      this(text, madeNanos, List.of());
    }

    /** A piece made now. */
    public Piece(String text) {
      this(text, System.nanoTime());
    }
  }

  /** The end; no event follows. */
  record Finished(ChatResult result) implements ChatEvent {
    public Finished {
      Objects.requireNonNull(result, "result");
    }
  }
}
