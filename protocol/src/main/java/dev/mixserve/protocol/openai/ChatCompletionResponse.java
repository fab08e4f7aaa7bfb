package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.protocol.Json;
import java.io.IOException;
import java.util.List;

/**
 * Non-streamed answers: {@code chat.completion} (message) and {@code text_completion} (text).
 *
 * @param id chatcmpl-… or cmpl-…, the same in every chunk of a stream
 * @param created Unix seconds
 * @param model the model name echoed back
 * @param chat chat completion (true) or legacy text completion
 */
public record ChatCompletionResponse(String id, long created, String model, boolean chat) {
  /** A one-choice answer without logprobs or echo. */
  public byte[] write(ChatResult r) {
    return write(null, List.of(r));
  }

  /**
   * The answer to {@code req} (null: one plain choice), its results in choice order; usage counts
   * each prompt once and every choice's completion.
   */
  public byte[] write(ChatCompletionRequest req, List<ChatResult> results) {
    return Json.write(
        g -> {
          g.writeStartObject();
          head(g, chat ? "chat.completion" : "text_completion");
          g.writeArrayFieldStart("choices");
          for (int k = 0; k < results.size(); k++) {
            choice(g, req, k, results.get(k));
          }
          g.writeEndArray();
          usage(g, Usage.of(results, req == null ? 1 : req.n()));
          g.writeEndObject();
        });
  }

  private void choice(JsonGenerator g, ChatCompletionRequest req, int k, ChatResult r)
      throws IOException {
    String echoed = req == null ? "" : req.echoed(k);
    g.writeStartObject();
    g.writeNumberField("index", k);
    if (chat) {
      g.writeObjectFieldStart("message");
      g.writeStringField("role", "assistant");
      g.writeStringField("content", r.text());
      g.writeNullField("refusal"); // required by OpenAI's schema; a model here never refuses
      g.writeEndObject();
    } else {
      g.writeStringField("text", echoed + r.text());
    }
    boolean asked = req != null && req.logprobs();
    if (asked && req.promptLogprobs()) {
      var tokens = new java.util.ArrayList<>(r.promptLogprobs());
      tokens.addAll(r.logprobs());
      LogprobsJson.write(g, chat, tokens, 0);
    } else {
      LogprobsJson.write(g, chat, asked ? r.logprobs() : null, echoed.length());
    }
    g.writeStringField("finish_reason", r.finishReason().id());
    g.writeEndObject();
  }

  void head(JsonGenerator g, String object) throws IOException {
    g.writeStringField("id", id);
    g.writeStringField("object", object);
    g.writeNumberField("created", created);
    g.writeStringField("model", model);
  }

  static void usage(JsonGenerator g, Usage u) throws IOException {
    g.writeObjectFieldStart("usage");
    g.writeNumberField("prompt_tokens", u.prompt());
    g.writeNumberField("completion_tokens", u.completion());
    g.writeNumberField("total_tokens", u.prompt() + u.completion());
    g.writeEndObject();
  }

  /** Tokens of an answer: the n choices of one prompt read it once. */
  public record Usage(int prompt, int completion) {
    /** Results in choice order, {@code n} per prompt. */
    public static Usage of(List<ChatResult> results, int n) {
      int prompt = 0;
      int completion = 0;
      for (int k = 0; k < results.size(); k++) {
        ChatResult r = results.get(k);
        prompt += k % n == 0 ? r.promptTokens() : 0;
        completion += r.completionTokens();
      }
      return new Usage(prompt, completion);
    }
  }
}
