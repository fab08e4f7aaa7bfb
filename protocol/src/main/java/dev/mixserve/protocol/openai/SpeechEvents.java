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

  public static byte[] done() {
    return event(
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("type", "speech.audio.done");
              g.writeEndObject();
            }));
  }

  private static byte[] event(byte[] json) {
    return ("data: " + new String(json, StandardCharsets.UTF_8) + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
