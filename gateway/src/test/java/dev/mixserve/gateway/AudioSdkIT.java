package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import dev.mixserve.api.TestModels;
import dev.mixserve.audio.WavReader;
import dev.mixserve.audio.WordErrorRate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java SDK against mixserve's audio routes. */
public class AudioSdkIT {
  static OpenAIClient client() {
    return OpenAIOkHttpClient.builder()
        .baseUrl("http://127.0.0.1:" + AudioServer.get().port() + "/v1")
        .apiKey("unused")
        .maxRetries(0)
        .build();
  }

  @Test
  void sdkSynthesisesSpeechAndTranscribesIt() throws Exception {
    byte[] wav;
    try (var response =
        client()
            .audio()
            .speech()
            .create(
                SpeechCreateParams.builder()
                    .model("tts-1")
                    .voice(SpeechCreateParams.Voice.ALLOY)
                    .input(AudioIT.SENTENCE)
                    .responseFormat(SpeechCreateParams.ResponseFormat.WAV)
                    .build())) {
      wav = response.body().readAllBytes();
    }
    assertThat(WavReader.read(wav).seconds()).isGreaterThan(1.5);
    var text =
        client()
            .audio()
            .transcriptions()
            .create(TranscriptionCreateParams.builder().model("whisper-1").file(wav).build())
            .asTranscription()
            .text();
    assertThat(WordErrorRate.of(AudioIT.SENTENCE, text)).isLessThanOrEqualTo(1 / 9.0 + 1e-9);
  }

  /** What every OpenAI example does: no format, the answer saved as speech.mp3. */
  @Test
  void sdkSpeechWithNoFormatSavesARealMp3(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("speech.mp3");
    try (var response =
        client()
            .audio()
            .speech()
            .create(
                SpeechCreateParams.builder()
                    .model("tts-1")
                    .voice(SpeechCreateParams.Voice.ALLOY)
                    .input(AudioIT.SENTENCE)
                    .build())) {
      assertThat(response.headers().values("Content-Type")).containsExactly("audio/mpeg");
      Files.copy(response.body(), file);
    }
    byte[] mp3 = Files.readAllBytes(file);
    assertThat(new String(mp3, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("ID3");
    if (FfmpegCli.installed()) {
      var probe = FfmpegCli.probe(mp3, dir);
      assertThat(probe.at("/streams/0/codec_name").asText()).isEqualTo("mp3");
      assertThat(FfmpegCli.decodedSeconds(mp3, dir)).isGreaterThan(1.5);
    }
    var text =
        client()
            .audio()
            .transcriptions()
            .create(TranscriptionCreateParams.builder().model("whisper-1").file(file).build())
            .asTranscription()
            .text();
    assertThat(WordErrorRate.of(AudioIT.SENTENCE, text)).isLessThanOrEqualTo(1 / 9.0 + 1e-9);
  }

  @Test
  void sdkTranscribesAFile() {
    Path clip = TestModels.path("audio/librivox/sense_and_sensibility_01_austen_64kb-0930.wav");
    var text =
        client()
            .audio()
            .transcriptions()
            .create(TranscriptionCreateParams.builder().model("whisper-1").file(clip).build())
            .asTranscription()
            .text();
    assertThat(WordErrorRate.of("he might even have been made amiable himself", text))
        .isLessThanOrEqualTo(0.25); // 1 error measured, as in PocketSphinxEngineTest
  }
}
