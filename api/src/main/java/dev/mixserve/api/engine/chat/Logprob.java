package dev.mixserve.api.engine.chat;

import java.util.List;
import java.util.Objects;

/**
 * A generated token with its log-probability under the model, and the likeliest alternatives.
 *
 * @param token the token's text (a token that ends inside a UTF-8 character shows U+FFFD)
 * @param bytes the token's exact UTF-8 bytes
 * @param logprob natural log of its probability, at most 0; NaN for a prompt's first token when
 *     nothing precedes it (no BOS), whose probability the model does not give
 * @param top the likeliest tokens at this position, most likely first; empty for an alternative
 */
public record Logprob(String token, byte[] bytes, double logprob, List<Logprob> top) {
  public Logprob {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(bytes, "bytes");
    top = List.copyOf(top == null ? List.of() : top);
  }

  /** Whether the model gave this token a probability (see {@link #logprob}). */
  public boolean known() {
    return !Double.isNaN(logprob);
  }
}
