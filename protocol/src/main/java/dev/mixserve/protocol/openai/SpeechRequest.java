package dev.mixserve.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.protocol.Json;
import java.util.List;
import java.util.Optional;

/**
 * POST /v1/audio/speech.
 *
 * @param model the model asked for, if any
 * @param input the text, 1..4096 characters (OpenAI's limit)
 * @param voice null for the engine's default
 * @param format mp3 (OpenAI's default), opus (in Ogg), aac (ADTS), flac, wav (16-bit mono at the
 *     engine's rate), all streamed as made; or pcm (raw s16le at 24 kHz, as OpenAI sends it)
 * @param speed 0.25..4.0
 * @param sse stream_format "sse": base64 audio in server-sent events instead of raw bytes
 */
public record SpeechRequest(
    Optional<String> model, String input, String voice, String format, double speed, boolean sse) {
  public static final int MAX_INPUT = 4096;
  public static final List<String> FORMATS = List.of("mp3", "opus", "aac", "flac", "wav", "pcm");

  public static SpeechRequest parse(JsonNode body) {
    String input = Json.string(body, "input");
    if (input.isBlank()) {
      throw ServeException.invalid("input", "'input' must not be empty");
    }
    if (input.length() > MAX_INPUT) {
      throw ServeException.invalid(
          "input",
          "'input' has " + input.length() + " characters; at most " + MAX_INPUT + " are allowed");
    }
    String format = Json.optString(body, "response_format").orElse("mp3");
    if (!FORMATS.contains(format)) {
      throw ServeException.invalid(
          "response_format",
          "unknown response_format '" + format + "'; supported: " + String.join(", ", FORMATS));
    }
    String stream = Json.optString(body, "stream_format").orElse("audio");
    if (!stream.equals("audio") && !stream.equals("sse")) {
      throw ServeException.invalid(
          "stream_format", "'stream_format' must be 'audio' or 'sse', got '" + stream + "'");
    }
    return new SpeechRequest(
        Json.optString(body, "model"),
        input,
        Json.optString(body, "voice").orElse(null),
        format,
        Json.optNumber(body, "speed", 0.25, 4.0).orElse(1.0),
        stream.equals("sse"));
  }
}
