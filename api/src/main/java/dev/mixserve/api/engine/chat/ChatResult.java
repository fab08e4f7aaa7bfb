package dev.mixserve.api.engine.chat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A finished generation.
 *
 * @param text everything generated, stop sequence excluded
 * @param finishReason why it ended
 * @param promptTokens tokens the model read
 * @param completionTokens tokens the model generated
 * @param queued time waiting for a slot
 * @param firstToken time from the slot taking the request to the first token
 * @param logprobs every token's logprobs when asked for, in order: the pieces' lists joined
 * @param promptLogprobs the prompt's tokens and their logprobs when asked for ({@link
 *     ChatRequest#promptLogprobs}), else empty
 */
public record ChatResult(
    String text,
    FinishReason finishReason,
    int promptTokens,
    int completionTokens,
    Duration queued,
    Duration firstToken,
    List<Logprob> logprobs,
    List<Logprob> promptLogprobs) {
  public ChatResult {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(finishReason, "finishReason");
    queued = queued == null ? Duration.ZERO : queued;
    firstToken = firstToken == null ? Duration.ZERO : firstToken;
    logprobs = List.copyOf(logprobs == null ? List.of() : logprobs);
    promptLogprobs = List.copyOf(promptLogprobs == null ? List.of() : promptLogprobs);
  }

  /** A result without the prompt's logprobs. */
  public ChatResult(
      String text,
      FinishReason finishReason,
      int promptTokens,
      int completionTokens,
      Duration queued,
      Duration firstToken,
      List<Logprob> logprobs) {
    this(
        text,
        finishReason,
        promptTokens,
        completionTokens,
        queued,
        firstToken,
        logprobs,
        List.of());
  }

  /** A result without logprobs. */
  public ChatResult(
      String text,
      FinishReason finishReason,
      int promptTokens,
      int completionTokens,
      Duration queued,
      Duration firstToken) {
    this(text, finishReason, promptTokens, completionTokens, queued, firstToken, List.of());
  }

  /** OpenAI's finish_reason values that mixserve produces. */
  public enum FinishReason {
    /** End of text, or a stop sequence. */
    STOP,
    /** max_tokens or the context size reached. */
    LENGTH;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
