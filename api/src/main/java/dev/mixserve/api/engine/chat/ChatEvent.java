package dev.mixserve.api.engine.chat;

import java.time.Duration;
import java.util.Objects;

/** What a {@link Generation} reports, in this order: Started, Piece*, Finished. */
public sealed interface ChatEvent {
  /**
   * A slot took the request.
   *
   * @param queued time spent waiting for the slot
   * @param promptTokens tokens of the prompt as the model reads it
   */
  record Started(Duration queued, int promptTokens) implements ChatEvent {}

  /** Text of one token or a few (a token can end inside a UTF-8 character). Never empty. */
  record Piece(String text) implements ChatEvent {
    public Piece {
      if (text.isEmpty()) {
        throw new IllegalArgumentException("empty piece");
      }
    }
  }

  /** The end; no event follows. */
  record Finished(ChatResult result) implements ChatEvent {
    public Finished {
      Objects.requireNonNull(result, "result");
    }
  }
}
