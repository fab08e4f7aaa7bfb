package dev.mixserve.gateway;

import static dev.mixserve.gateway.AudioServer.postJson;
import static dev.mixserve.gateway.AudioServer.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mixserve.audio.WavReader;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every /v1/audio/speech output format, judged by ffprobe and ffmpeg (not by the server's own
 * decoder): the container and codec it claims, the sample rate, and the same length of speech as
 * the WAV of the same text.
 */
public class SpeechFormatsIT {
  static final String TEXT = "One small step for a man.";
  static double wavSeconds;

  @BeforeAll
  static void reference() {
    var wav = postJson("/tts/v1/audio/speech", body("wav"));
    wavSeconds = WavReader.read(wav.body()).seconds();
    assertThat(wavSeconds).isGreaterThan(1);
  }

  static String body(String format) {
    return "{\"input\":\"" + TEXT + "\",\"response_format\":\"" + format + "\"}";
  }

  @ParameterizedTest
  @CsvSource({
    "/tts,mp3,audio/mpeg,mp3,mp3,16000",
    "/tts,opus,audio/ogg,ogg,opus,48000", // Opus always decodes at 48 kHz
    "/tts,aac,audio/aac,aac,aac,16000",
    "/tts,flac,audio/flac,flac,flac,16000",
    "/tts,wav,audio/wav,wav,pcm_s16le,16000",
    "/espeak,opus,audio/ogg,ogg,opus,48000",
    "/espeak,mp3,audio/mpeg,mp3,mp3,22050",
  })
  void eachFormatIsWhatItSaysWithTheSpeechInIt(
      String route,
      String format,
      String contentType,
      String container,
      String codec,
      int rate,
      @TempDir Path dir)
      throws Exception {
    assumeTrue(FfmpegCli.installed(), "ffmpeg not installed (.ci/deps installs it)");
    var r = postJson(route + "/v1/audio/speech", body(format));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue(contentType);
    var probe = FfmpegCli.probe(r.body(), dir);
    assertThat(probe.at("/format/format_name").asText()).contains(container);
    assertThat(probe.at("/streams/0/codec_name").asText()).isEqualTo(codec);
    assertThat(probe.at("/streams/0/sample_rate").asInt()).isEqualTo(rate);
    assertThat(probe.at("/streams/0/channels").asInt()).isEqualTo(1);
    double seconds = FfmpegCli.decodedSeconds(r.body(), dir);
    if (route.equals("/tts")) { // codecs add at most a frame of padding at each end
      assertThat(seconds).isCloseTo(wavSeconds, within(0.15));
    } else {
      assertThat(seconds).isGreaterThan(1);
    }
  }

  @ParameterizedTest
  @CsvSource({"/tts", "/espeak"})
  void pcmIsRawS16At24kHz(String route) {
    var r = postJson(route + "/v1/audio/speech", body("pcm"));
    assertThat(r.headers().firstValue("content-type")).hasValue("audio/pcm");
    assertThat(r.body().length % 2).isZero();
    double seconds = r.body().length / 2 / 24_000.0;
    if (route.equals("/tts")) {
      assertThat(seconds).isCloseTo(wavSeconds, within(0.01));
    }
  }
}
