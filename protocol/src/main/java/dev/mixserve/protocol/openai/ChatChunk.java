package dev.mixserve.protocol.openai;

import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.api.engine.chat.Logprob;
import dev.mixserve.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON of one streamed chunk ({@code chat.completion.chunk} or {@code text_completion}), in
 * OpenAI's order per choice: a role chunk (chat only), content chunks, a chunk with finish_reason;
 * with include_usage a last chunk with empty choices and the usage (earlier chunks carry usage
 * null). Each chunk names its choice by index. As OpenAI's delta, ours has no {@code refusal}: the
 * schema makes it optional there, and a model here never refuses.
 */
public final class ChatChunk {
  private static final String MARK = "\u0000mark\u0000";
  private final ChatCompletionResponse head;
  private final boolean includeUsage;
  private final boolean logprobs;
  private final byte[] contentPrefix;
  private final byte[] contentSuffix;

  public ChatChunk(ChatCompletionResponse head, boolean includeUsage) {
    this(head, includeUsage, false);
  }

  /** {@code logprobs}: content chunks carry their tokens' logprobs. */
  public ChatChunk(ChatCompletionResponse head, boolean includeUsage, boolean logprobs) {
    this.head = head;
    this.includeUsage = includeUsage;
    this.logprobs = logprobs;
    // Content chunks differ only in their text, and there is one per token: their JSON is built
    // once around a marker and later only the text is escaped between the two halves.
    String template = new String(choice(0, null, MARK, null, null, 0), StandardCharsets.UTF_8);
    int at = template.indexOf(Json.quote(MARK));
    this.contentPrefix = template.substring(0, at).getBytes(StandardCharsets.UTF_8);
    this.contentSuffix =
        template.substring(at + Json.quote(MARK).length()).getBytes(StandardCharsets.UTF_8);
  }

  public boolean includesUsage() {
    return includeUsage;
  }

  /** The first chunk of a chat stream: the assistant role, empty content. */
  public byte[] role() {
    return role(0);
  }

  /** The first chunk of choice {@code index} of a chat stream. */
  public byte[] role(int index) {
    return choice(index, g -> g.writeStringField("role", "assistant"), "", null, null, 0);
  }

  public byte[] content(String text) {
    byte[] quoted = Json.quoteUtf8(text);
    byte[] out = new byte[contentPrefix.length + quoted.length + contentSuffix.length];
    System.arraycopy(contentPrefix, 0, out, 0, contentPrefix.length);
    System.arraycopy(quoted, 0, out, contentPrefix.length, quoted.length);
    System.arraycopy(
        contentSuffix, 0, out, contentPrefix.length + quoted.length, contentSuffix.length);
    return out;
  }

  /**
   * Text of choice {@code index} and the tokens it completes; {@code textOffset}: where the tokens'
   * text starts in the choice's whole text (legacy logprobs' text_offset).
   */
  public byte[] content(int index, String text, List<Logprob> tokens, int textOffset) {
    if (index == 0 && !logprobs) {
      return content(text);
    }
    return choice(index, null, text, null, logprobs ? tokens : null, textOffset);
  }

  public byte[] finish(ChatResult.FinishReason reason) {
    return finish(reason.id());
  }

  /** A last chunk with a finish_reason engines do not give, e.g. for an answer cut short. */
  public byte[] finish(String reason) {
    return finish(0, reason);
  }

  public byte[] finish(int index, String reason) {
    return choice(index, null, head.chat() ? null : "", reason, null, 0);
  }

  public byte[] usage(ChatResult r) {
    return usage(new ChatCompletionResponse.Usage(r.promptTokens(), r.completionTokens()));
  }

  public byte[] usage(ChatCompletionResponse.Usage u) {
    return Json.write(
        g -> {
          g.writeStartObject();
          head.head(g, object());
          g.writeArrayFieldStart("choices");
          g.writeEndArray();
          ChatCompletionResponse.usage(g, u);
          g.writeEndObject();
        });
  }

  private String object() {
    return head.chat() ? "chat.completion.chunk" : "text_completion";
  }

  private byte[] choice(
      int index,
      Json.Writer extra,
      String text,
      String finish,
      List<Logprob> tokens,
      int textOffset) {
    return Json.write(
        g -> {
          g.writeStartObject();
          head.head(g, object());
          g.writeArrayFieldStart("choices");
          g.writeStartObject();
          g.writeNumberField("index", index);
          if (head.chat()) {
            g.writeObjectFieldStart("delta");
            if (extra != null) {
              extra.write(g);
            }
            if (text != null) {
              g.writeStringField("content", text);
            }
            g.writeEndObject();
          } else {
            g.writeStringField("text", text);
          }
          LogprobsJson.write(g, head.chat(), tokens, textOffset);
          g.writeStringField("finish_reason", finish);
          g.writeEndObject();
          g.writeEndArray();
          if (includeUsage) {
            g.writeNullField("usage");
          }
          g.writeEndObject();
        });
  }
}
