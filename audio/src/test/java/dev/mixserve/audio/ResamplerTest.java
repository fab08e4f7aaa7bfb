package dev.mixserve.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
  static float[] tone(double hz, int rate, double seconds) {
    float[] x = new float[(int) (rate * seconds)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }

  /** Amplitude of {@code hz} in x, by correlation with a sine and cosine, away from the edges. */
  static double amplitude(float[] x, double hz, int rate) {
    double s = 0;
    double c = 0;
    int from = x.length / 4;
    int to = 3 * x.length / 4;
    for (int i = from; i < to; i++) {
      s += x[i] * Math.sin(2 * Math.PI * hz * i / rate);
      c += x[i] * Math.cos(2 * Math.PI * hz * i / rate);
    }
    return 2 * Math.hypot(s, c) / (to - from);
  }

  @ParameterizedTest
  @CsvSource({"44100", "48000", "22050", "8000", "11025", "16001"})
  void passbandToneKeepsItsAmplitude(int rate) {
    float[] out = Resampler.resample(tone(1000, rate, 1), rate, 16_000);
    assertThat(out.length).isCloseTo(16_000, within(2));
    assertThat(amplitude(out, 1000, 16_000)).isCloseTo(0.5, within(0.01));
  }

  @ParameterizedTest
  @CsvSource({"44100,12000", "48000,10000", "44100,9000"})
  void toneAboveTheNewNyquistIsRemovedNotFolded(int rate, double hz) {
    float[] out = Resampler.resample(tone(hz, rate, 1), rate, 16_000);
    double alias = 16_000 - hz; // where linear interpolation would fold it
    assertThat(amplitude(out, alias, 16_000)).isLessThan(0.5 * 0.001); // below -60 dB
  }

  @ParameterizedTest
  @CsvSource({"8000", "16000"})
  void upsamplingKeepsTheTone(int rate) {
    float[] out = Resampler.resample(tone(440, rate, 1), rate, 48_000);
    assertThat(amplitude(out, 440, 48_000)).isCloseTo(0.5, within(0.01));
  }
}
