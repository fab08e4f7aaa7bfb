package dev.mixserve.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.SpeechEngine;
import dev.mixserve.api.engine.SpeechEngine.Request;
import dev.mixserve.api.engine.TranscriptionEngine;
import dev.mixserve.api.engine.TranscriptionEngine.Options;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.audio.PcmAudio;
import dev.mixserve.audio.WordErrorRate;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TTS → STT: each speech engine says a sentence, PocketSphinx transcribes it. Needs the Debian
 * packages espeak-ng, pocketsphinx and pocketsphinx-en-us.
 */
class SpeechRoundTripTest {
  static final String SENTENCE = "The quick brown fox jumped over the lazy dog.";
  private static final EngineContext CONTEXT = new EngineContext(Path.of("target"), Map.of());
  private static TranscriptionEngine dictation;
  private static TranscriptionEngine grammar;

  @BeforeAll
  static void load() throws Exception {
    dictation = stt(Map.of());
    Path gram = Path.of(SpeechRoundTripTest.class.getResource("/sentences.gram").toURI());
    grammar = stt(Map.of("jsgf", gram.toString()));
  }

  static TranscriptionEngine stt(Map<String, Object> options) {
    return (TranscriptionEngine)
        new AudioFactories.PocketSphinx()
            .create(Fixtures.deployment(Task.TRANSCRIPTION, "pocketsphinx", "", options), CONTEXT);
  }

  @AfterAll
  static void close() {
    dictation.close();
    grammar.close();
  }

  static SpeechEngine tts(String kind) {
    var factory =
        switch (kind) {
          case "freetts" -> new AudioFactories.FreeTts();
          default -> new AudioFactories.Espeak();
        };
    return (SpeechEngine)
        factory.create(Fixtures.deployment(Task.SPEECH, kind, "", Map.of()), CONTEXT);
  }

  /** Returns all samples; checks that they came in more than one chunk for multi-sentence text. */
  static short[] speak(SpeechEngine e, Request r, List<Integer> chunkSizes) {
    var bytes = new ByteArrayOutputStream();
    e.speak(
        r,
        s -> {
          chunkSizes.add(s.length);
          ByteBuffer b = ByteBuffer.allocate(s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
          b.asShortBuffer().put(s);
          bytes.writeBytes(b.array());
        });
    short[] out = new short[bytes.size() / 2];
    ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  /**
   * Bounds, measured (all engines here are deterministic) plus one word of slack. FreeTTS's diphone
   * voice goes through open dictation (en-us LM) with WER 0.0. espeak-ng's formant voices do not:
   * open dictation gave WER 0.89-1.0 for every voice tried (en-us, en-gb, +m1, +m3, +f2, +f3, slow
   * rates), the same as pocketsphinx_continuous on the same audio, so an open-vocabulary bound
   * would test nothing. For espeak-ng the recogniser instead gets a grammar of eight sentences and
   * must pick the one spoken (WER 0.0 measured with en-us+f3, which is also "nova"; en-gb found no
   * path through the grammar); noise or a wrong sample rate picks a wrong sentence or none.
   */
  @ParameterizedTest
  @CsvSource({
    "freetts,alloy,dictation,0",
    "espeak-ng,nova,grammar,0",
    "espeak-ng,en-us+f3,grammar,0"
  })
  void spokenSentenceIsTranscribedBack(String kind, String voice, String mode, int measuredErrors) {
    TranscriptionEngine stt = mode.equals("grammar") ? grammar : dictation;
    try (SpeechEngine tts = tts(kind)) {
      var chunks = new ArrayList<Integer>();
      short[] pcm = speak(tts, new Request(SENTENCE, voice, 1.0), chunks);
      assertThat(pcm.length).isGreaterThan(tts.sampleRate()); // over a second of speech
      float[] at16k = new PcmAudio(tts.sampleRate(), 1, PcmAudio.toFloats(pcm)).monoAt(16_000);
      String text = stt.transcribe(at16k, Options.DEFAULT).text();
      double wer = WordErrorRate.of(SENTENCE, text);
      System.out.printf("%s/%s → pocketsphinx %s WER %.3f: %s%n", kind, voice, mode, wer, text);
      assertThat(wer).isLessThanOrEqualTo((measuredErrors + 1) / 9.0 + 1e-9);
    }
  }

  @ParameterizedTest
  @CsvSource({"freetts", "espeak-ng"})
  void audioArrivesInChunksBeforeTheEndAndSpeedShortensIt(String kind) {
    try (SpeechEngine tts = tts(kind)) {
      String text = "First sentence here. Second sentence there. And a third one to finish.";
      var chunks = new ArrayList<Integer>();
      int normal = speak(tts, new Request(text, null, 1.0), chunks).length;
      assertThat(chunks).hasSizeGreaterThan(1);
      int fast = speak(tts, new Request(text, null, 2.0), new ArrayList<>()).length;
      assertThat(fast).isLessThan(normal * 3 / 4);
    }
  }

  @ParameterizedTest
  @CsvSource({"freetts", "espeak-ng"})
  void unknownVoiceIsAClearError(String kind) {
    try (SpeechEngine tts = tts(kind)) {
      assertThatThrownBy(() -> tts.speak(new Request("hi", "no-such-voice", 1), s -> {}))
          .isInstanceOf(ServeException.class)
          .hasMessageContaining("unknown voice 'no-such-voice'")
          .hasMessageContaining("alloy");
      assertThat(tts.voices()).isNotEmpty();
    }
  }
}
