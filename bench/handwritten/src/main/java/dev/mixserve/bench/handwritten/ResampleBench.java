package dev.mixserve.bench.handwritten;

import dev.mixserve.audio.Resampler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Resampling to 16 kHz: ours against javax.sound.sampled, speed and what a tone above the band
 * leaves.
 */
final class ResampleBench {
  private static final AudioFormat.Encoding FLOAT = AudioFormat.Encoding.PCM_FLOAT;

  private ResampleBench() {}

  static void run(Measure m, float[] jfk16k) throws Exception {
    System.out.println("resampling to 16 kHz (what every upload at another rate goes through):");
    int[] rates = {44_100, 48_000};
    for (int from : rates) {
      float[] speech = Resampler.resample(jfk16k, 16_000, from); // 11 s of speech at `from`
      var pair =
          m.compare(
              "ours",
              () -> Resampler.resample(speech, from, 16_000),
              "javax",
              () -> javaxResample(speech, from, 16_000, null));
      System.out.println(pair.row("11 s " + from + " → 16000 Hz", speech.length * 4L));
      var sinc =
          m.compare(
              "ours",
              () -> Resampler.resample(speech, from, 16_000),
              "javax-sinc",
              () -> javaxResample(speech, from, 16_000, "sinc"));
      System.out.println(sinc.row("  javax with interpolation=sinc", speech.length * 4L));
    }
    System.out.println(
        "  quality, 44.1 kHz → 16 kHz (output RMS over input RMS; a tone above 8 kHz must vanish):");
    for (String interp : new String[] {null, "sinc"}) {
      for (double hz : new double[] {1000, 6000, 10_000, 15_000}) {
        float[] tone = tone(hz, 44_100, 44_100 * 2);
        double ours = rmsDb(Resampler.resample(tone, 44_100, 16_000), tone);
        double javax = rmsDb(javaxResample(tone, 44_100, 16_000, interp), tone);
        System.out.printf(
            Locale.ROOT,
            "    %6.0f Hz tone: ours %7.1f dB   javax (%s) %7.1f dB%n",
            hz,
            ours,
            interp == null ? "default" : interp,
            javax);
      }
    }
  }

  static float[] javaxResample(float[] in, int from, int to, String interpolation) {
    byte[] b = new byte[in.length * 4];
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(in);
    var src = new AudioFormat(FLOAT, from, 32, 1, 4, from, false);
    var dst =
        interpolation == null
            ? new AudioFormat(FLOAT, to, 32, 1, 4, to, false)
            : new AudioFormat(
                FLOAT, to, 32, 1, 4, to, false, Map.of("interpolation", interpolation));
    try (var conv =
        AudioSystem.getAudioInputStream(
            dst, new AudioInputStream(new ByteArrayInputStream(b), src, in.length))) {
      byte[] o = conv.readAllBytes();
      float[] out = new float[o.length / 4];
      ByteBuffer.wrap(o).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[] tone(double hz, int rate, int n) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return s;
  }

  /** RMS of the middle half of {@code out} against that of {@code in}, in dB. */
  static double rmsDb(float[] out, float[] in) {
    return 20 * Math.log10(rms(out) / rms(in));
  }

  private static double rms(float[] s) {
    int from = s.length / 4;
    int to = s.length * 3 / 4;
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += s[i] * (double) s[i];
    }
    return Math.sqrt(sum / (to - from)) + 1e-12;
  }
}
