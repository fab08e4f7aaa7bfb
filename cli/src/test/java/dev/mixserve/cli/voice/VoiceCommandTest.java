package dev.mixserve.cli.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `mixserve voice` end to end against the fake stages. */
class VoiceCommandTest {
  @TempDir Path tmp;

  @Test
  void printsTranscriptAnswerAndTimingsAndWritesTheAnswer() throws IOException {
    Path in = tmp.resolve("q.wav");
    Files.write(in, new WavClip(WavClipTest.fmt16k(), new byte[320]).bytes());
    Path out = tmp.resolve("a.wav");
    var captured = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try (var fake = new FakeVoiceServer()) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new dev.mixserve.cli.Main())
              .execute(
                  "voice", "--url", fake.url(), "--in", in.toString(), "--out", out.toString());
    } finally {
      System.setOut(old);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(text)
        .contains(
            "transcript: what did the cat do",
            "answer: The cat sat down. Then it slept.",
            "timings: transcribe ");
    assertThat(WavClip.parse(Files.readAllBytes(out)).data())
        .hasSize("The cat sat down.Then it slept.".length());
  }
}
