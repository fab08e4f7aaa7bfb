package dev.mixserve.engine.audio;

import com.sun.speech.freetts.VoiceManager;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.api.engine.SpeechEngine;
import dev.mixserve.api.error.ServeException;
import java.util.List;
import java.util.Map;

/**
 * FreeTTS with CMU's diphone voice kevin16, pure Java. A FreeTTS voice holds per-utterance state,
 * so this instance speaks one request at a time; audio is passed on per utterance (sentence) as
 * FreeTTS produces it.
 */
public final class FreeTtsEngine implements SpeechEngine {
  static final String DIRECTORY = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";
  private static final String KEVIN = "kevin16";
  private static final float NORMAL_WPM = 150;

  private final VoiceMap voices = VoiceMap.single(new SpeechEngine.Voice(KEVIN, "en-us", "male"));
  private final com.sun.speech.freetts.Voice voice; // the name Voice is taken by the SPI's record

  FreeTtsEngine() {
    // FreeTTS finds voices only through this global property; without it getVoice returns null
    if (System.getProperty("freetts.voices") == null) {
      System.setProperty("freetts.voices", DIRECTORY);
    }
    this.voice = VoiceManager.getInstance().getVoice(KEVIN);
    if (voice == null) {
      throw ServeException.unavailable(
          "FreeTTS voice " + KEVIN + " not found; freetts.voices must include " + DIRECTORY, 3600);
    }
    voice.allocate();
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        KEVIN,
        Task.SPEECH,
        "freetts",
        "FreeTTS 1.2 diphone synthesis, US English, one male voice.",
        Map.of("sample_rate", sampleRate(), "voices", List.of(KEVIN)));
  }

  @Override
  public int sampleRate() {
    return 16_000;
  }

  @Override
  public List<SpeechEngine.Voice> voices() {
    return voices.voices();
  }

  @Override
  public synchronized void speak(Request request, AudioSink sink) {
    voices.resolve(request.voice());
    var player = new SinkPlayer(sink);
    voice.setAudioPlayer(player);
    voice.setRate((float) (NORMAL_WPM * request.speed()));
    if (!voice.speak(request.text())) {
      throw ServeException.engineFailure("FreeTTS could not speak the text", player.failure());
    }
    if (player.failure() != null) {
      throw ServeException.engineFailure("audio sink failed", player.failure());
    }
  }

  @Override
  public void close() {
    voice.deallocate();
  }
}
