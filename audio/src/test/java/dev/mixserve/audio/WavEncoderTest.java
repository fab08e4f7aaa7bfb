package dev.mixserve.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavEncoderTest {
  static byte[] encode(long total, short[]... pieces) {
    var enc = SpeechFormat.WAV.encoder(16_000, total);
    var out = new ByteArrayOutputStream();
    for (short[] p : pieces) {
      out.writeBytes(enc.encode(p));
    }
    out.writeBytes(enc.finish());
    return out.toByteArray();
  }

  static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void aKnownLengthGoesIntoBothSizeFields() {
    byte[] wav = encode(300, new short[100], new short[200]);
    assertThat(wav).hasSize(44 + 600);
    assertThat(le(wav).getInt(4)).isEqualTo(36 + 600); // RIFF: everything after these 8 bytes
    assertThat(le(wav).getInt(40)).isEqualTo(600); // data
    assertThat(WavReader.read(wav).frames()).isEqualTo(300);
  }

  @Test
  void anUnknownLengthSaysUntilTheEnd() {
    byte[] wav = encode(-1, new short[100]);
    assertThat(le(wav).getInt(4)).isEqualTo(-1);
    assertThat(le(wav).getInt(40)).isEqualTo(-1);
    assertThat(WavReader.read(wav).frames()).isEqualTo(100); // our reader stops at the end
  }

  @Test
  void nothingSpokenIsAnEmptyValidFile() {
    byte[] wav = encode(0);
    assertThat(wav).hasSize(44);
    assertThat(le(wav).getInt(40)).isZero();
  }

  /** The reader that had it wrong: Python's wave module took 0xFFFFFFFF as 2³¹−1 frames. */
  @Test
  void pythonsWaveModuleReadsTheFrameCount(@TempDir Path dir) throws Exception {
    assumeTrue(python3(), "python3 not installed");
    Path file = dir.resolve("a.wav");
    Files.write(file, encode(16_000, new short[8_000], new short[8_000]));
    var p =
        new ProcessBuilder(
                "python3",
                "-c",
                "import sys, wave; w = wave.open(sys.argv[1]);"
                    + " print(w.getnframes(), w.getframerate(), len(w.readframes(1 << 30)))",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(said).isEqualTo("16000 16000 32000");
  }

  static boolean python3() {
    try {
      return new ProcessBuilder("python3", "-c", "import wave").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
