package dev.mixserve.audio;

/**
 * Band-limited sample-rate conversion (Smith's windowed-sinc interpolation): each output sample is
 * the input convolved with a Kaiser-windowed sinc centred on its exact position, with the cutoff
 * lowered to the output Nyquist when downsampling so nothing above it aliases. Works for any pair
 * of rates. The kernel is tabulated finely and interpolated linearly, which costs far less than
 * evaluating sin and Bessel functions per tap and stays below -90 dB of error.
 */
public final class Resampler {
  private static final int ZEROS = 16; // zero crossings on each side of the kernel
  private static final int STEPS = 512; // table entries per zero crossing
  private static final double ROLLOFF = 0.94; // cutoff as a fraction of the lower Nyquist
  private static final double BETA = 8.6; // Kaiser window shape: ~-90 dB stop band
  private static final float[] KERNEL = kernel(); // [ZEROS * STEPS + 1]

  private Resampler() {}

  public static float[] resample(float[] in, int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("rates must be positive: " + fromRate + ", " + toRate);
    }
    if (fromRate == toRate || in.length == 0) {
      return in.clone();
    }
    double ratio = toRate / (double) fromRate;
    double cutoff = ROLLOFF * Math.min(1.0, ratio); // in units of the input Nyquist
    double reach = ZEROS / cutoff; // kernel half-width in input samples
    int outLength = (int) Math.floor(in.length * ratio);
    float[] out = new float[outLength];
    for (int n = 0; n < outLength; n++) {
      double t = n / ratio; // exact position in input samples
      int first = Math.max(0, (int) Math.ceil(t - reach));
      int last = Math.min(in.length - 1, (int) Math.floor(t + reach));
      double sum = 0;
      for (int i = first; i <= last; i++) {
        sum += in[i] * tap(Math.abs(t - i) * cutoff);
      }
      out[n] = (float) (sum * cutoff);
    }
    return out;
  }

  /** The windowed sinc at {@code x} zero crossings from its centre. */
  private static double tap(double x) {
    double pos = x * STEPS;
    int k = (int) pos;
    if (k >= ZEROS * STEPS) {
      return 0;
    }
    double frac = pos - k;
    return KERNEL[k] + frac * (KERNEL[k + 1] - KERNEL[k]);
  }

  private static float[] kernel() {
    float[] k = new float[ZEROS * STEPS + 1];
    double norm = bessel0(BETA);
    for (int i = 0; i < k.length; i++) {
      double x = i / (double) STEPS;
      double sinc = i == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      double r = x / ZEROS;
      double window = bessel0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
      k[i] = (float) (sinc * window);
    }
    return k;
  }

  /** Modified Bessel function of the first kind, order 0, by its power series. */
  private static double bessel0(double x) {
    double sum = 1;
    double term = 1;
    for (int k = 1; k < 50; k++) {
      term *= (x / (2 * k)) * (x / (2 * k));
      sum += term;
    }
    return sum;
  }
}
