package dev.mixserve.engine.onnx;

import java.util.Locale;

/** How token vectors [seq, hidden] become one sentence vector [hidden]. */
enum Pooling {
  CLS,
  MEAN;

  static Pooling parse(Object option) {
    String s = String.valueOf(option).toLowerCase(Locale.ROOT);
    return switch (s) {
      case "cls" -> CLS;
      case "mean" -> MEAN;
      default ->
          throw new IllegalArgumentException(
              "engine.options.pooling: expected cls or mean, got '" + option + "'");
    };
  }

  /**
   * Pools row {@code b} of a [batch, seq, hidden] output.
   *
   * @param length tokens of this row that are not padding
   */
  float[] pool(float[] data, int seq, int hidden, int b, int length) {
    float[] v = new float[hidden];
    int base = b * seq * hidden;
    if (this == CLS) {
      System.arraycopy(data, base, v, 0, hidden);
      return v;
    }
    for (int t = 0; t < length; t++) {
      int row = base + t * hidden;
      for (int h = 0; h < hidden; h++) {
        v[h] += data[row + h];
      }
    }
    for (int h = 0; h < hidden; h++) {
      v[h] /= Math.max(1, length);
    }
    return v;
  }

  static void normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] / norm);
      }
    }
  }
}
