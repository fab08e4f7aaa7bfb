package dev.mixserve.gateway;

import static dev.mixserve.gateway.AudioServer.postJson;
import static dev.mixserve.gateway.AudioServer.text;
import static dev.mixserve.gateway.AudioServer.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad audio requests get OpenAI-style 4xx bodies that say what is wrong; the server keeps serving.
 */
public class AudioBadInputIT {
  static final String STT = "/whisper/v1/audio/transcriptions";
  static final String TTS = "/tts/v1/audio/speech";

  static byte[] wav(int channels, int dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels);
    b.putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(dataBytes);
    return b.array();
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    new java.util.Random(21).nextBytes(b);
    b[0] = 0x11; // not a magic byte of any format
    return b;
  }

  static byte[] withHead(byte[] b, int... head) {
    for (int i = 0; i < head.length; i++) {
      b[i] = (byte) head[i];
    }
    return b;
  }

  /** Half a second of MP3 from the server itself. */
  static byte[] mp3() {
    return postJson(TTS, "{\"input\":\"a short sentence\",\"response_format\":\"mp3\"}").body();
  }

  record Case(String name, HttpResponse<byte[]> response, int status, String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    byte[] text = "this is a text file, renamed to .wav".getBytes(StandardCharsets.UTF_8);
    return Stream.of(
            new Case(
                "no file", upload(STT, null, null, "model", "whisper"), 400, "'file' is required"),
            new Case("empty file", upload(STT, new byte[0], "a.wav"), 400, "empty"),
            new Case(
                "text renamed .wav", upload(STT, text, "a.wav"), 400, "unrecognised audio format"),
            new Case(
                "truncated header",
                upload(STT, Arrays.copyOf(wav(1, 100), 30), "a.wav"),
                400,
                "truncated WAV header"),
            new Case("0 channels", upload(STT, wav(0, 100), "a.wav"), 400, "0 channels"),
            new Case(
                "an ID3 tag and nothing else",
                upload(STT, new byte[] {'I', 'D', '3', 3, 0, 0}, "a.mp3"),
                400,
                "cannot read the file as MP3 audio"),
            new Case(
                "mp3 cut inside its first frame",
                upload(STT, Arrays.copyOf(mp3(), 100), "a.mp3"),
                400,
                "MP3"),
            new Case(
                "random bytes named .mp3",
                upload(STT, random(20_000), "a.mp3"),
                400,
                "unrecognised audio format"),
            new Case(
                "random bytes after an MP3 sync word",
                upload(STT, withHead(random(20_000), 0xFF, 0xFB), "a.mp3"),
                400,
                "MP3"),
            new Case(
                "random bytes after an Ogg page tag",
                upload(STT, withHead(random(20_000), 'O', 'g', 'g', 'S'), "a.ogg"),
                400,
                "Ogg"),
            new Case(
                "bad response_format",
                upload(STT, wav(1, 3200), "a.wav", "response_format", "xml"),
                400,
                "response_format"),
            new Case(
                "bad temperature",
                upload(STT, wav(1, 3200), "a.wav", "temperature", "hot"),
                400,
                "temperature"),
            new Case(
                "not multipart", postJson(STT, "{\"file\":\"x\"}"), 415, "multipart/form-data"),
            new Case(
                "too large",
                upload("/whisper-small/v1/audio/transcriptions", wav(1, 100_000), "a.wav"),
                413,
                "larger than the limit"),
            new Case(
                "translation unsupported",
                upload("/whisper/v1/audio/translations", wav(1, 3200), "a.wav"),
                400,
                "cannot translate"),
            new Case(
                "unknown voice",
                postJson(TTS, "{\"input\":\"hi\",\"voice\":\"darth\"}"),
                400,
                "unknown voice 'darth'"),
            new Case(
                "empty input", postJson(TTS, "{\"input\":\"\"}"), 400, "'input' must not be empty"),
            new Case(
                "missing input",
                postJson(TTS, "{\"voice\":\"alloy\"}"),
                400,
                "'input' is required"),
            new Case(
                "100 KB of text",
                postJson(TTS, "{\"input\":\"" + "word ".repeat(20_000) + "\"}"),
                400,
                "at most 4096"),
            new Case(
                "unknown output format",
                postJson(TTS, "{\"input\":\"hi\",\"response_format\":\"ogg\"}"),
                400,
                "unknown response_format 'ogg'; supported: mp3, opus, aac, flac, wav, pcm"),
            new Case(
                "speed out of range",
                postJson(TTS, "{\"input\":\"hi\",\"speed\":9}"),
                400,
                "speed"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void getsAnOpenAiError(Case c) throws Exception {
    assertThat(c.response().statusCode()).as(text(c.response())).isEqualTo(c.status());
    var error = new ObjectMapper().readTree(c.response().body()).get("error");
    assertThat(error.get("message").asText()).contains(c.says());
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
  }

  @AfterAll
  static void serverStillServes() {
    assertThat(postJson(TTS, "{\"input\":\"still here\"}").statusCode()).isEqualTo(200);
  }
}
