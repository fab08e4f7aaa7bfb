package dev.mixserve.api.engine.chat;

import java.util.List;
import java.util.Objects;

/**
 * One generation request, protocol-neutral.
 *
 * @param input a conversation (chat completions) or a raw prompt (legacy completions)
 * @param maxTokens most tokens to generate; null means as many as the context leaves
 * @param sampling temperature, top_p, seed and penalties
 * @param stop strings that end the generation; they are not part of the output
 * @param format a constraint on the output (JSON, a JSON schema, a grammar), or none
 * @param logprobs null: no logprobs; else report each token's logprob with this many likeliest
 *     alternatives (0..{@value #MAX_TOP_LOGPROBS}). An engine that cannot must refuse, see {@link
 *     dev.mixserve.api.engine.ChatEngine#givesLogprobs}
 * @param promptLogprobs with {@code logprobs}: report the prompt's tokens too, each with its
 *     logprob given the tokens before it (the legacy completion's {@code echo})
 */
public record ChatRequest(
    Input input,
    Integer maxTokens,
    Sampling sampling,
    List<String> stop,
    OutputFormat format,
    Integer logprobs,
    boolean promptLogprobs) {
  /** OpenAI's bound on top_logprobs. */
  public static final int MAX_TOP_LOGPROBS = 20;

  public ChatRequest {
    Objects.requireNonNull(input, "input");
    sampling = sampling == null ? Sampling.DEFAULT : sampling;
    stop = List.copyOf(stop == null ? List.of() : stop);
    format = format == null ? new OutputFormat.Text() : format;
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("max_tokens must be >= 1, got " + maxTokens);
    }
    if (stop.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("stop sequences must not be empty");
    }
    if (logprobs != null && (logprobs < 0 || logprobs > MAX_TOP_LOGPROBS)) {
      throw new IllegalArgumentException(
          "top_logprobs must be in 0.." + MAX_TOP_LOGPROBS + ", got " + logprobs);
    }
    if (promptLogprobs && logprobs == null) {
      throw new IllegalArgumentException("prompt logprobs need logprobs");
    }
  }

  /** A request without the prompt's logprobs. */
  public ChatRequest(
      Input input,
      Integer maxTokens,
      Sampling sampling,
      List<String> stop,
      OutputFormat format,
      Integer logprobs) {
    this(input, maxTokens, sampling, stop, format, logprobs, false);
  }

  /** A request without logprobs. */
  public ChatRequest(
      Input input, Integer maxTokens, Sampling sampling, List<String> stop, OutputFormat format) {
    this(input, maxTokens, sampling, stop, format, null, false);
  }

  /** A raw-prompt request with default sampling. */
  public static ChatRequest prompt(String prompt, Integer maxTokens, Sampling sampling) {
    return new ChatRequest(new Input.Prompt(prompt), maxTokens, sampling, List.of(), null);
  }

  /** A chat request with default sampling. */
  public static ChatRequest chat(List<Message> messages, Integer maxTokens, Sampling sampling) {
    return new ChatRequest(new Input.Messages(messages), maxTokens, sampling, List.of(), null);
  }

  public ChatRequest withStop(List<String> stop) {
    return new ChatRequest(input, maxTokens, sampling, stop, format, logprobs, promptLogprobs);
  }

  public ChatRequest withFormat(OutputFormat format) {
    return new ChatRequest(input, maxTokens, sampling, stop, format, logprobs, promptLogprobs);
  }

  public ChatRequest withLogprobs(Integer logprobs) {
    return new ChatRequest(input, maxTokens, sampling, stop, format, logprobs, false);
  }

  /** Logprobs with {@code top} alternatives for the prompt's tokens and the generated ones. */
  public ChatRequest withPromptLogprobs(int top) {
    return new ChatRequest(input, maxTokens, sampling, stop, format, top, true);
  }

  public ChatRequest withSampling(Sampling sampling) {
    return new ChatRequest(input, maxTokens, sampling, stop, format, logprobs, promptLogprobs);
  }

  /** What the model reads. */
  public sealed interface Input {
    /** A conversation; the engine applies the model's chat template. */
    record Messages(List<Message> messages) implements Input {
      public Messages {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
          throw new IllegalArgumentException("messages must not be empty");
        }
      }
    }

    /** Text the model continues as is. */
    record Prompt(String text) implements Input {
      public Prompt {
        Objects.requireNonNull(text, "prompt");
      }
    }

    /** Token ids the model continues as they are (no BOS is added). */
    record Tokens(List<Integer> ids) implements Input {
      public Tokens {
        ids = List.copyOf(ids);
        if (ids.isEmpty()) {
          throw new IllegalArgumentException("the prompt has no tokens");
        }
      }
    }
  }
}
