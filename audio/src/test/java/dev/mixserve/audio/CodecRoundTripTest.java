package dev.mixserve.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mixserve.api.error.ServeException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Our encoders into our decoder: what goes in comes out, as long, at 16 kHz mono. */
class CodecRoundTripTest {
  /** A second of a 440 Hz tone at {@code rate}, in pieces the size FreeTTS hands over. */
  static byte[] encode(SpeechFormat format, int rate, double seconds) {
    short[] tone = tone(rate, seconds);
    var out = new ByteArrayOutputStream();
    try (var enc = format.encoder(rate, -1)) {
      for (int at = 0; at < tone.length; at += 512) {
        out.writeBytes(enc.encode(Arrays.copyOfRange(tone, at, Math.min(tone.length, at + 512))));
      }
      out.writeBytes(enc.finish());
    }
    return out.toByteArray();
  }

  static short[] tone(int rate, double seconds) {
    short[] tone = new short[(int) (rate * seconds)];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
    }
    return tone;
  }

  @ParameterizedTest
  @CsvSource({
    "MP3, 16000",
    "MP3, 22050",
    "OPUS, 16000",
    "OPUS, 22050",
    "AAC, 16000",
    "AAC, 22050",
    "FLAC, 16000",
    "FLAC, 22050",
    "WAV, 22050"
  })
  void comesBackAsLong(SpeechFormat format, int rate) {
    PcmAudio back = AudioDecoder.decode(encode(format, rate, 1.5));
    double seconds = back.frames() / (double) back.sampleRate();
    assertThat(seconds).isCloseTo(1.5, within(0.1)); // codec padding: a frame or two
    float peak = 0;
    for (float f : back.mono()) {
      peak = Math.max(peak, Math.abs(f));
    }
    assertThat(peak).isCloseTo(8000 / 32768f, within(0.08f)); // the tone, not silence
  }

  /** OpenAI's pcm has no header to say its rate: it must be 24 kHz whatever the engine's. */
  @ParameterizedTest
  @CsvSource({"16000", "22050", "24000", "48000"})
  void pcmIsAlways24kHz(int rate) {
    byte[] pcm = encode(SpeechFormat.PCM, rate, 1.5);
    assertThat(pcm.length / 2 / 24_000.0).isCloseTo(1.5, within(0.005));
    assertThat(SpeechFormat.PCM.outputRate(rate)).isEqualTo(24_000);
  }

  /** Only the rate changes: the tone is still 440 Hz and as loud, with no click at the joins. */
  @ParameterizedTest
  @CsvSource({"16000", "22050", "48000"})
  void pcmKeepsTheSound(int rate) {
    var s = java.nio.ByteBuffer.wrap(encode(SpeechFormat.PCM, rate, 1.5));
    s.order(java.nio.ByteOrder.LITTLE_ENDIAN);
    short[] pcm = new short[s.remaining() / 2];
    s.asShortBuffer().get(pcm);
    int crossings = 0;
    double energy = 0;
    int jolt = 0; // the tone's second difference is 8000 (2π 440 / 24000)² ≈ 106 at most
    for (int i = 6_000; i < 30_000; i++) { // one second, away from the filter's edges
      if ((pcm[i - 1] < 0) != (pcm[i] < 0)) {
        crossings++;
      }
      energy += (double) pcm[i] * pcm[i];
      jolt = Math.max(jolt, Math.abs(pcm[i + 1] - 2 * pcm[i] + pcm[i - 1]));
    }
    assertThat(crossings).isBetween(878, 882);
    assertThat(Math.sqrt(energy / 24_000)).isCloseTo(8000 / Math.sqrt(2), within(100.0));
    assertThat(jolt).isLessThan(200); // a sample lost or doubled at a join makes ~900
  }

  @Test
  void pcmAlreadyAt24kHzIsTheSamplesAsTheyCame() {
    assertThat(encode(SpeechFormat.PCM, 24_000, 1))
        .isEqualTo(WavWriter.littleEndian(tone(24_000, 1)));
  }

  @ParameterizedTest
  @EnumSource(names = {"MP3", "OPUS", "AAC", "FLAC"})
  void aFileCutShortGivesWhatItHolds(SpeechFormat format) {
    byte[] whole = encode(format, 16_000, 2);
    PcmAudio half = AudioDecoder.decode(Arrays.copyOf(whole, whole.length / 2));
    assertThat(half.seconds()).isBetween(0.2, 1.6); // FLAC: 8 KB of header padding first
  }

  @ParameterizedTest
  @EnumSource(names = {"MP3", "OPUS", "AAC", "FLAC"})
  void aFileCutInsideItsHeaderIsTheClientsError(SpeechFormat format) {
    byte[] whole = encode(format, 16_000, 1);
    assertThatThrownBy(() -> AudioDecoder.decode(Arrays.copyOf(whole, 20)))
        .isInstanceOf(ServeException.class)
        .hasMessageContaining(format == SpeechFormat.OPUS ? "Ogg" : format.name());
  }

  @Test
  void audioPastTheLimitStopsEarly() {
    byte[] flac = encode(SpeechFormat.FLAC, 16_000, 3);
    assertThatThrownBy(() -> AudioDecoder.decode(flac, 1)).hasMessageContaining("longer than 1 s");
  }
}
