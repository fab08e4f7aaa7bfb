package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * POST /v1/chat/completions and POST /v1/completions, mapped to engine requests: one per prompt (a
 * legacy completion may send several), each answered {@code n} times. Choice {@code i * n + j} is
 * prompt i's j-th answer, as OpenAI numbers them.
 *
 * @param model the model asked for, if any
 * @param requests what the engine gets, one per prompt
 * @param n answers per prompt
 * @param stream answer with server-sent events
 * @param includeUsage send a last chunk with usage (stream_options.include_usage)
 * @param chat true for chat completions, false for legacy text completions
 * @param echo legacy completions: each answer starts with its prompt
 */
public record ChatCompletionRequest(
    Optional<String> model,
    List<ChatRequest> requests,
    int n,
    boolean stream,
    boolean includeUsage,
    boolean chat,
    boolean echo) {
  /** OpenAI's default max_tokens for legacy completions. */
  public static final int LEGACY_DEFAULT_MAX_TOKENS = 16;

  /** OpenAI's bound on the legacy {@code logprobs}. */
  public static final int LEGACY_MAX_LOGPROBS = 5;

  /** Prompts one legacy completion may hold. */
  public static final int MAX_PROMPTS = 64;

  public ChatCompletionRequest {
    requests = List.copyOf(requests);
  }

  /** The first prompt's request (the only one for chat). */
  public ChatRequest request() {
    return requests.getFirst();
  }

  /** Whether the answers carry logprobs. */
  public boolean logprobs() {
    return request().logprobs() != null;
  }

  /** Whether the answers list the prompt's tokens with their logprobs (echo with logprobs). */
  public boolean promptLogprobs() {
    return request().promptLogprobs();
  }

  /** Choices in the answer: prompts times n. */
  public int choices() {
    return requests.size() * n;
  }

  /** The text choice {@code k} starts with: its prompt under echo, else nothing. */
  public String echoed(int k) {
    if (!echo) {
      return "";
    }
    return ((ChatRequest.Input.Prompt) requests.get(k / n).input()).text();
  }

  public static ChatCompletionRequest parseChat(JsonNode body) {
    if (body.has("tools") && !body.get("tools").isNull() && !body.get("tools").isEmpty()) {
      throw ServeException.invalid("tools", "tools and function calling are not supported");
    }
    var input = new ChatRequest.Input.Messages(Messages.parse(body.get("messages")));
    var f = GenerationFields.parse(body);
    Integer top = chatLogprobs(body);
    var request = new ChatRequest(input, f.maxTokens(), f.sampling(), f.stop(), f.format(), top);
    return new ChatCompletionRequest(
        Json.optString(body, "model"),
        List.of(request),
        f.n(),
        f.stream(),
        f.includeUsage(),
        true,
        false);
  }

  public static ChatCompletionRequest parseCompletion(JsonNode body) {
    var f = GenerationFields.parse(body);
    boolean echo = Json.optBool(body, "echo").orElse(false);
    if (Json.optString(body, "suffix").isPresent()) {
      throw ServeException.invalid("suffix", "suffix (insertion) is not supported");
    }
    Integer top = Json.optInt(body, "logprobs", 0, LEGACY_MAX_LOGPROBS).orElse(null);
    int max = f.maxTokens() == null ? LEGACY_DEFAULT_MAX_TOKENS : f.maxTokens();
    var requests = new ArrayList<ChatRequest>();
    for (ChatRequest.Input input : Prompts.parse(body.get("prompt"))) {
      if (echo && !(input instanceof ChatRequest.Input.Prompt)) {
        throw ServeException.invalid("echo", "echo needs a text prompt, not token ids");
      }
      // With echo the prompt's tokens are listed too, each with its logprob, as OpenAI lists them.
      requests.add(
          new ChatRequest(
              input, max, f.sampling(), f.stop(), f.format(), top, echo && top != null));
    }
    return new ChatCompletionRequest(
        Json.optString(body, "model"), requests, f.n(), f.stream(), f.includeUsage(), false, echo);
  }

  // logprobs: true asks for them; top_logprobs (0..20) only with it, as OpenAI has it.
  private static Integer chatLogprobs(JsonNode body) {
    boolean on = Json.optBool(body, "logprobs").orElse(false);
    var top = Json.optInt(body, "top_logprobs", 0, ChatRequest.MAX_TOP_LOGPROBS);
    if (top.isPresent() && !on) {
      throw ServeException.invalid("top_logprobs", "'top_logprobs' needs 'logprobs': true");
    }
    return on ? top.orElse(0) : null;
  }
}
