package dev.mixserve.gateway;

import static dev.mixserve.gateway.AudioServer.postJson;
import static dev.mixserve.gateway.AudioServer.text;
import static dev.mixserve.gateway.AudioServer.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mixserve.audio.WordErrorRate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every upload format OpenAI accepts, made at test time by the ffmpeg program from one FreeTTS WAV,
 * sent under a name that lies about it (the server must look at the bytes) and transcribed by
 * PocketSphinx. The grammar deployment keeps each decode short; its eight sentences still have to
 * be told apart.
 */
public class UploadFormatsIT {
  @TempDir static Path dir;
  static Path wav;

  @BeforeAll
  static void speak() throws Exception {
    var r =
        postJson(
            "/tts/v1/audio/speech",
            "{\"input\":\"" + AudioIT.SENTENCE + "\",\"response_format\":\"wav\"}");
    wav = Files.write(dir.resolve("sentence.wav"), r.body());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "flac, -c:a flac",
    "mp3, -c:a libmp3lame -b:a 48k",
    "mp4, -c:a aac -f mp4",
    "mpeg, -c:a mp2 -f mpeg",
    "mpga, -c:a libmp3lame -f mp3",
    "m4a, -c:a aac -f ipod",
    "ogg, -c:a libopus -ar 48000", // what a browser records
    "ogg, -c:a libvorbis",
    "wav, -c:a pcm_s16le -ar 44100 -ac 2",
    "webm, -c:a libopus -ar 48000", // MediaRecorder's default in Chrome and Firefox
  })
  void eachFormatIsTranscribed(String ext, String options) throws Exception {
    assumeTrue(FfmpegCli.installed(), "ffmpeg not installed (.ci/deps installs it)");
    byte[] file =
        FfmpegCli.convert(
            wav, dir.resolve("upload-" + options.hashCode() + "." + ext), options.split(" "));
    String lie = ext.equals("wav") ? "speech.mp3" : "speech.wav";
    var r = upload("/whisper-grammar/v1/audio/transcriptions", file, lie, "model", "x");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    String heard = AudioIT.json(r).get("text").asText();
    assertThat(WordErrorRate.of(AudioIT.SENTENCE, heard)).as(heard).isLessThanOrEqualTo(1 / 9.0);
  }
}
