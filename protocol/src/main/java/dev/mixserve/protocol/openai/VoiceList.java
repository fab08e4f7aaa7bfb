package dev.mixserve.protocol.openai;

import dev.mixserve.api.engine.SpeechEngine;
import dev.mixserve.api.engine.SpeechEngine.Voice;
import dev.mixserve.protocol.Json;
import java.util.List;

/** GET /v1/audio/voices: the engine's voices and the OpenAI names it also accepts. */
public final class VoiceList {
  private VoiceList() {}

  public static byte[] write(String model, int sampleRate, List<Voice> voices) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("object", "list");
          g.writeStringField("model", model);
          g.writeNumberField("sample_rate", sampleRate);
          g.writeArrayFieldStart("openai_voices");
          for (String v : SpeechEngine.OPENAI_VOICES) {
            g.writeString(v);
          }
          g.writeEndArray();
          g.writeArrayFieldStart("data");
          for (Voice v : voices) {
            g.writeStartObject();
            g.writeStringField("id", v.name());
            g.writeStringField("language", v.language());
            g.writeStringField("gender", v.gender());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
