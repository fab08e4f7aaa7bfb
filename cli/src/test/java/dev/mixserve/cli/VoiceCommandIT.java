package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.Target;
import dev.mixserve.client.voice.WavClip;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mixserve voice` exit codes and messages for bad input and a missing server. */
class VoiceCommandIT {
  @TempDir Path tmp;

  @Test
  void aSpokenQuestionGetsASpokenAnswer() throws IOException {
    try (var client = MixserveClient.of(CliTestServer.url())) {
      Path in = tmp.resolve("question.wav");
      Files.write(
          in, client.speech(Target.route("/tts"), "Tell me a story about a little girl.", null));
      Path out = tmp.resolve("answer.wav");
      var r =
          Run.of(
              "voice",
              "--url",
              CliTestServer.url(),
              "--in",
              in.toString(),
              "--out",
              out.toString(),
              "--max-tokens",
              "24");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .containsPattern("transcript: .*(story|little|girl)")
          .contains("timings: transcribe ");
      String answer =
          r.out().replaceAll("(?s).*answer: ([^\n]*)\n.*", "$1").toLowerCase(Locale.ROOT);
      String heard =
          client
              .transcribe(Target.route("/whisper"), Files.readAllBytes(out), "answer.wav")
              .toLowerCase(Locale.ROOT);
      var common = HeardWords.inCommon(heard, answer);
      assertThat(common)
          .as("heard '%s' in the spoken answer '%s'", heard, answer)
          .hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void listenAnswersEachUtteranceOnStandardInput() throws IOException {
    try (var client = MixserveClient.of(CliTestServer.url())) {
      // FreeTTS speaks 16 kHz mono 16-bit: its samples are what arecord would send
      byte[] one =
          WavClip.parse(client.speech(Target.route("/tts"), "Tell me a story.", null)).data();
      byte[] two =
          WavClip.parse(client.speech(Target.route("/tts"), "What did the girl see?", null)).data();
      byte[] pause = new byte[32_000 * 3 / 2];
      var stdin = new java.io.ByteArrayOutputStream();
      for (byte[] b : new byte[][] {pause, one, pause, two, pause}) {
        stdin.writeBytes(b);
      }
      Path out = tmp.resolve("answer.wav");
      var r =
          Run.withInput(
              stdin.toByteArray(),
              "voice",
              "--url",
              CliTestServer.url(),
              "--listen",
              "--out",
              out.toString(),
              "--max-tokens",
              "16");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("[1] transcript: ", "[2] transcript: ", "heard 2 questions");
      assertThat(tmp.resolve("answer-1.wav")).exists();
      assertThat(tmp.resolve("answer-2.wav")).exists();
    }
  }

  @Test
  void neitherInNorListenIsAUsageError() {
    assertThat(Run.of("voice", "--out", "x.wav").code()).isEqualTo(2);
  }

  @Test
  void emptyAudioIsRefusedBeforeAnyServerCall() throws IOException {
    Path wav = tmp.resolve("empty.wav");
    Files.write(wav, new dev.mixserve.client.voice.WavClip(new byte[16], new byte[0]).bytes());
    var r = Run.of("voice", "--in", wav.toString(), "--out", tmp.resolve("a.wav").toString());
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("holds no audio");
  }

  @Test
  void notAWavOrMissing() throws IOException {
    Path txt = Files.writeString(tmp.resolve("q.wav"), "this is text, not audio");
    assertThat(Run.of("voice", "--in", txt.toString(), "--out", "x.wav").err())
        .contains("not a WAV file");
    var missing = Run.of("voice", "--in", tmp.resolve("none.wav").toString(), "--out", "x.wav");
    assertThat(missing.code()).isEqualTo(5);
    assertThat(missing.err()).contains("no such file: " + tmp.resolve("none.wav"));
  }

  @Test
  void serverDownAndRouteMissing() throws IOException {
    Path wav = tmp.resolve("q.wav");
    Files.write(wav, new dev.mixserve.client.voice.WavClip(new byte[16], new byte[64]).bytes());
    int port;
    try (var s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var down =
        Run.of(
            "voice", "--url", "http://127.0.0.1:" + port, "--in", wav.toString(), "--out", "x.wav");
    assertThat(down.code()).isEqualTo(3);
    var noRoute =
        Run.of(
            "voice",
            "--url",
            CliTestServer.url(),
            "--tts-route",
            "/nothing",
            "--in",
            wav.toString(),
            "--out",
            "x.wav");
    assertThat(noRoute.code()).as(noRoute.err()).isEqualTo(4);
    assertThat(noRoute.err()).contains("/nothing");
  }
}
