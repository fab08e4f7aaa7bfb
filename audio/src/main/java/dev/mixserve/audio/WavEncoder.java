package dev.mixserve.audio;

/**
 * A 16-bit mono WAV. The header goes out with the first samples; it declares the real sizes when
 * the caller knew the whole length by then, else "until the end" (0xFFFFFFFF), which streaming
 * readers accept but Python's {@code wave} module takes as 2³¹−1 frames.
 */
final class WavEncoder implements SpeechEncoder {
  private final int rate;
  private final long totalSamples;
  private boolean headed;

  /** {@code totalSamples} the whole length, or -1 when it is not known yet. */
  WavEncoder(int rate, long totalSamples) {
    this.rate = rate;
    this.totalSamples = totalSamples;
  }

  @Override
  public byte[] encode(short[] samples) {
    byte[] body = WavWriter.littleEndian(samples);
    if (headed) {
      return body;
    }
    headed = true;
    long data = totalSamples < 0 ? WavWriter.UNKNOWN_LENGTH : totalSamples * 2;
    byte[] header = WavWriter.header(rate, data);
    byte[] out = new byte[header.length + body.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(body, 0, out, header.length, body.length);
    return out;
  }

  @Override
  public byte[] finish() {
    if (headed) {
      return new byte[0];
    }
    headed = true;
    return WavWriter.header(rate, 0); // nothing was spoken: still a valid, empty file
  }
}
