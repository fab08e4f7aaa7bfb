package dev.mixserve.protocol.openai;

import dev.mixserve.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** stream_format "sse" for /v1/audio/speech: base64 audio deltas, then a done event. */
public final class SpeechEvents {
  private SpeechEvents() {}

  public static byte[] delta(byte[] audio) {
    return event(
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("type", "speech.audio.delta");
              g.writeStringField("audio", Base64.getEncoder().encodeToString(audio));
              g.writeEndObject();
            }));
  }

  /**
   * The done event with OpenAI's required usage. The speech engines here read text without a
   * tokenizer and make audio without tokens, so input_tokens counts the input's words and
   * punctuation marks (what they do read), and output_tokens is 0, rather than numbers made up.
   */
  public static byte[] done(String input) {
    int in = inputTokens(input);
    return event(
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("type", "speech.audio.done");
              g.writeObjectFieldStart("usage");
              g.writeNumberField("input_tokens", in);
              g.writeNumberField("output_tokens", 0);
              g.writeNumberField("total_tokens", in);
              g.writeEndObject();
              g.writeEndObject();
            }));
  }

  static int inputTokens(String input) {
    var m = WORD_OR_MARK.matcher(input);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static final java.util.regex.Pattern WORD_OR_MARK =
      java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+|[\\p{P}\\p{S}]");

  private static byte[] event(byte[] json) {
    return ("data: " + new String(json, StandardCharsets.UTF_8) + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
