package dev.mixserve.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mixserve.api.TestModels;
import dev.mixserve.api.error.ServeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavReaderTest {
  /** A WAV holding {@code values} (in [-1, 1]) encoded with the given tag and width. */
  static byte[] wav(int tag, int bits, int channels, int rate, double... values) {
    int width = bits / 8;
    ByteBuffer b = ByteBuffer.allocate(44 + values.length * width).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + values.length * width).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) tag).putShort((short) channels);
    b.putInt(rate).putInt(rate * channels * width).putShort((short) (channels * width));
    b.putShort((short) bits).put("data".getBytes()).putInt(values.length * width);
    for (double v : values) {
      switch (tag * 100 + bits) {
        case 108 -> b.put((byte) (Math.round(v * 127) + 128));
        case 116 -> b.putShort((short) Math.round(v * 32767));
        case 124 -> {
          int x = (int) Math.round(v * 8388607);
          b.put((byte) x).put((byte) (x >> 8)).put((byte) (x >> 16));
        }
        case 132 -> b.putInt((int) Math.round(v * 2147483647.0));
        case 332 -> b.putFloat((float) v);
        case 364 -> b.putDouble(v);
        default -> throw new IllegalArgumentException();
      }
    }
    return b.array();
  }

  @ParameterizedTest
  @CsvSource({"1,8,0.01", "1,16,1e-4", "1,24,1e-6", "1,32,1e-8", "3,32,1e-7", "3,64,1e-7"})
  void decodesEveryEncoding(int tag, int bits, double tolerance) {
    PcmAudio a = WavReader.read(wav(tag, bits, 1, 8000, 0.5, -0.25, 0.0, -0.75));
    assertThat(a.sampleRate()).isEqualTo(8000);
    assertThat(a.samples()[0]).isCloseTo(0.5f, within((float) tolerance + 1e-6f));
    assertThat(a.samples()[1]).isCloseTo(-0.25f, within((float) tolerance + 1e-6f));
    assertThat(a.samples()[3]).isCloseTo(-0.75f, within((float) tolerance + 1e-6f));
  }

  @Test
  void stereoIsAveragedToMono() {
    PcmAudio a = WavReader.read(wav(1, 16, 2, 48_000, 0.5, 0.1, -0.2, -0.4));
    assertThat(a.channels()).isEqualTo(2);
    assertThat(a.frames()).isEqualTo(2);
    assertThat(a.mono()[0]).isCloseTo(0.3f, within(1e-3f));
    assertThat(a.mono()[1]).isCloseTo(-0.3f, within(1e-3f));
  }

  @Test
  void readsTheJfkFixture() throws Exception {
    byte[] b = Files.readAllBytes(TestModels.path("audio/jfk.wav"));
    PcmAudio a = WavReader.read(b);
    assertThat(a.sampleRate()).isEqualTo(16_000);
    assertThat(a.channels()).isEqualTo(1);
    assertThat(a.seconds()).isCloseTo(11.0, within(0.01));
  }

  @Test
  void streamedHeaderWithHugeSizeReadsToTheLastWholeFrame() {
    byte[] b = wav(1, 16, 2, 16_000, 0.1, 0.2, 0.3, 0.4);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1);
    byte[] cut = Arrays.copyOf(b, b.length - 1); // half a sample short
    assertThat(WavReader.read(cut).frames()).isEqualTo(1);
  }

  @Test
  void truncatedHeaderIsAClearError() {
    byte[] b = Arrays.copyOf(wav(1, 16, 1, 16_000, 0.1), 30);
    assertThatThrownBy(() -> WavReader.read(b))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("truncated WAV header");
    assertThatThrownBy(() -> WavReader.read("RIFF".getBytes()))
        .hasMessageContaining("truncated or malformed WAV header");
  }

  @Test
  void zeroChannelsIsAClearError() {
    assertThatThrownBy(() -> WavReader.read(wav(1, 16, 0, 16_000)))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("0 channels");
  }

  /** The rate is an unsigned 32-bit field: 4e9 Hz must be reported as 4e9, not as negative. */
  @ParameterizedTest
  @CsvSource({"4000000000", "4294967295", "2147483648", "768001", "0"})
  void anOutOfRangeSampleRateIsRefusedWithTheNumberItDeclares(long rate) {
    byte[] b = wav(1, 16, 1, 16_000, 0.1);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(24, (int) rate);
    assertThatThrownBy(() -> WavReader.read(b))
        .isInstanceOfSatisfying(ServeException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("sample rate of " + rate + " Hz")
        .hasMessageContaining("1 to 768000 Hz");
  }

  @Test
  void theHighestSupportedRateReads() {
    assertThat(WavReader.read(wav(1, 16, 1, 768_000, 0.1)).sampleRate()).isEqualTo(768_000);
  }

  @Test
  void unsupportedEncodingsAreNamed() {
    byte[] b = wav(1, 16, 1, 16_000, 0.1);
    b[20] = 2; // MS ADPCM
    assertThatThrownBy(() -> WavReader.read(b)).hasMessageContaining("format tag 0x2");
  }

  @Test
  void textRenamedToWavIsRejectedNamingSupportedFormats() {
    byte[] text = "hello, this is not audio at all".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AudioDecoder.decode(text))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining("unrecognised audio format")
        .hasMessageContaining("WAV");
    assertThat(((ServeException) catchThrowable(() -> AudioDecoder.decode(text))).param())
        .isEqualTo("file");
  }

  @Test
  void emptyAndOtherContainersAreNamed() {
    assertThatThrownBy(() -> AudioDecoder.decode(new byte[0])).hasMessageContaining("empty");
    assertThatThrownBy(() -> AudioDecoder.decode("fLaC\0\0\0".getBytes()))
        .hasMessageContaining("cannot read the file as FLAC audio");
    assertThatThrownBy(() -> AudioDecoder.decode("OggS\0\0".getBytes()))
        .hasMessageContaining("Ogg");
    assertThatThrownBy(() -> AudioDecoder.decode("ID3\3\0".getBytes())).hasMessageContaining("MP3");
    assertThatThrownBy(() -> AudioDecoder.decode(wav(1, 16, 1, 16_000)))
        .hasMessageContaining("no audio samples");
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  @Test
  void writerOutputReadsBack() {
    short[] s = {0, 1000, -1000, 32767, -32768};
    PcmAudio a = WavReader.read(WavWriter.write(s, 22_050));
    assertThat(a.sampleRate()).isEqualTo(22_050);
    assertThat(PcmAudio.toShorts(a.samples())).containsExactly(s);
  }
}
