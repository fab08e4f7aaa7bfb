package dev.mixserve.engine.audio;

import dev.mixserve.api.engine.SpeechEngine;
import dev.mixserve.api.engine.SpeechEngine.Voice;
import dev.mixserve.api.error.ServeException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves a requested voice: an engine voice name as is, an OpenAI name through the engine's
 * table, null to the default. Anything else is a 400 that lists what exists.
 *
 * @param voices the engine's voices, the first the default
 * @param openai OpenAI name to engine voice name; must cover {@link SpeechEngine#OPENAI_VOICES}
 */
record VoiceMap(List<Voice> voices, Map<String, String> openai) {
  VoiceMap {
    voices = List.copyOf(voices);
    openai = Map.copyOf(openai);
    if (voices.isEmpty()) {
      throw new IllegalArgumentException("an engine needs at least one voice");
    }
    for (String name : SpeechEngine.OPENAI_VOICES) {
      Objects.requireNonNull(openai.get(name), () -> "no mapping for OpenAI voice " + name);
    }
  }

  /** Every OpenAI name to the default voice; for engines with one voice. */
  static VoiceMap single(Voice voice) {
    return new VoiceMap(
        List.of(voice),
        SpeechEngine.OPENAI_VOICES.stream()
            .collect(java.util.stream.Collectors.toMap(n -> n, n -> voice.name())));
  }

  String resolve(String requested) {
    if (requested == null || requested.isBlank()) {
      return voices.getFirst().name();
    }
    String mapped = openai.get(requested.toLowerCase(java.util.Locale.ROOT));
    if (mapped != null) {
      return mapped;
    }
    for (Voice v : voices) {
      if (v.name().equalsIgnoreCase(requested)) {
        return v.name();
      }
    }
    throw ServeException.invalid(
        "voice",
        "unknown voice '"
            + requested
            + "'; use one of "
            + SpeechEngine.OPENAI_VOICES
            + " or an engine voice such as "
            + voices.stream().limit(10).map(Voice::name).toList());
  }
}
