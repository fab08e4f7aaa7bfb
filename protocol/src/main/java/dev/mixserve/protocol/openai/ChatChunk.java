package dev.mixserve.protocol.openai;

import dev.mixserve.api.engine.chat.ChatResult;
import dev.mixserve.protocol.Json;
import java.nio.charset.StandardCharsets;

/**
 * The JSON of one streamed chunk ({@code chat.completion.chunk} or {@code text_completion}), in
 * OpenAI's order: a role chunk (chat only), content chunks, a chunk with finish_reason, and with
 * include_usage a last chunk with empty choices and the usage (earlier chunks carry usage null).
 */
public final class ChatChunk {
  private static final String MARK = "\u0000mark\u0000";
  private final ChatCompletionResponse head;
  private final boolean includeUsage;
  private final byte[] contentPrefix;
  private final byte[] contentSuffix;

  public ChatChunk(ChatCompletionResponse head, boolean includeUsage) {
    this.head = head;
    this.includeUsage = includeUsage;
    // Content chunks differ only in their text, and there is one per token: their JSON is built
    // once around a marker and later only the text is escaped between the two halves.
    String template = new String(choice(null, MARK, null), StandardCharsets.UTF_8);
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
    return choice(g -> g.writeStringField("role", "assistant"), "", null);
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

  public byte[] finish(ChatResult.FinishReason reason) {
    return finish(reason.id());
  }

  /** A last chunk with a finish_reason engines do not give, e.g. for an answer cut short. */
  public byte[] finish(String reason) {
    return choice(null, head.chat() ? null : "", reason);
  }

  public byte[] usage(ChatResult r) {
    return Json.write(
        g -> {
          g.writeStartObject();
          head.head(g, object());
          g.writeArrayFieldStart("choices");
          g.writeEndArray();
          ChatCompletionResponse.usage(g, r);
          g.writeEndObject();
        });
  }

  private String object() {
    return head.chat() ? "chat.completion.chunk" : "text_completion";
  }

  private byte[] choice(Json.Writer extra, String text, String finish) {
    return Json.write(
        g -> {
          g.writeStartObject();
          head.head(g, object());
          g.writeArrayFieldStart("choices");
          g.writeStartObject();
          g.writeNumberField("index", 0);
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
          g.writeNullField("logprobs");
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
