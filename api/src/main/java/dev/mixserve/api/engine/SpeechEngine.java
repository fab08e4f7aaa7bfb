package dev.mixserve.api.engine;

import java.util.List;
import java.util.Objects;

/**
 * Text to speech. Audio is handed to a sink in chunks as it is produced, so that a server can send
 * the first sound before the whole text is spoken.
 */
public interface SpeechEngine extends Engine {
  /** OpenAI's voice names; every engine maps each of them to one of its own voices. */
  List<String> OPENAI_VOICES =
      List.of(
          "alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer",
          "verse");

  /**
   * A voice the engine has.
   *
   * @param name the engine's own name, accepted in requests
   * @param language BCP-47 tag or engine language code, e.g. "en-us"
   * @param gender "male", "female" or "" when unknown
   */
  record Voice(String name, String language, String gender) {
    public Voice {
      Objects.requireNonNull(name, "name");
      language = language == null ? "" : language;
      gender = gender == null ? "" : gender;
    }
  }

  /**
   * What to say.
   *
   * @param text non-blank
   * @param voice an engine voice name, an OpenAI voice name, or null for the default voice
   * @param speed 0.25..4.0, 1 is the engine's normal rate
   */
  record Request(String text, String voice, double speed) {
    public Request {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("text must not be empty");
      }
      if (!(speed >= 0.25 && speed <= 4.0)) {
        throw new IllegalArgumentException("speed must be in 0.25..4.0, got " + speed);
      }
    }
  }

  /** Receives 16-bit mono samples at {@link #sampleRate()}; the array is not reused. */
  @FunctionalInterface
  interface AudioSink {
    void accept(short[] samples);
  }

  /** Samples per second of everything this engine produces. */
  int sampleRate();

  /** The engine's own voices; the first is the default. */
  List<Voice> voices();

  /** How many requests may run at once on this instance; 1 for engines that are not re-entrant. */
  default int concurrency() {
    return 1;
  }

  /**
   * Speaks the text, calling {@code sink} for each chunk as it is produced; returns when all audio
   * has been delivered. Throws {@link dev.mixserve.api.error.ServeException} with param "voice" for
   * an unknown voice.
   */
  void speak(Request request, AudioSink sink);
}
