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
    short[] tone = new short[(int) (rate * seconds)];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
    }
    var out = new ByteArrayOutputStream();
    try (var enc = format.encoder(rate, -1)) {
      for (int at = 0; at < tone.length; at += 512) {
        out.writeBytes(enc.encode(Arrays.copyOfRange(tone, at, Math.min(tone.length, at + 512))));
      }
      out.writeBytes(enc.finish());
    }
    return out.toByteArray();
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
