package dev.mixserve.audio;

import java.util.Objects;

/**
 * Decoded audio.
 *
 * @param sampleRate samples per second per channel
 * @param channels interleaved channel count, at least 1
 * @param samples interleaved, in [-1, 1] [frames * channels]
 */
public record PcmAudio(int sampleRate, int channels, float[] samples) {
  public PcmAudio {
    Objects.requireNonNull(samples, "samples");
    if (sampleRate < 1 || channels < 1 || samples.length % channels != 0) {
      throw new IllegalArgumentException(
          "bad audio: " + sampleRate + " Hz, " + channels + " channels, " + samples.length);
    }
  }

  public int frames() {
    return samples.length / channels;
  }

  public double seconds() {
    return frames() / (double) sampleRate;
  }

  /** The channels averaged into one. */
  public float[] mono() {
    if (channels == 1) {
      return samples;
    }
    float[] out = new float[frames()];
    for (int f = 0; f < out.length; f++) {
      float sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += samples[f * channels + c];
      }
      out[f] = sum / channels;
    }
    return out;
  }

  /** Mono at {@code rate}, resampled when the rates differ. */
  public float[] monoAt(int rate) {
    return Resampler.resample(mono(), sampleRate, rate);
  }

  /** Samples in [-1, 1] to 16-bit, clipped. */
  public static short[] toShorts(float[] f) {
    short[] s = new short[f.length];
    for (int i = 0; i < f.length; i++) {
      // the inverse of toFloats, so 16-bit audio survives a round trip exactly
      s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(f[i] * 32768f)));
    }
    return s;
  }

  public static float[] toFloats(short[] s) {
    float[] f = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      f[i] = s[i] / 32768f;
    }
    return f;
  }
}
