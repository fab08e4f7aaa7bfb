package dev.mixserve.audio;

import dev.mixserve.api.error.ServeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads RIFF/WAVE: integer PCM of 8, 16, 24 or 32 bits, IEEE float of 32 or 64 bits, also inside
 * WAVE_FORMAT_EXTENSIBLE, any rate and channel count. A data chunk whose declared size runs past
 * the end of the file (streamed WAVs declare 0xFFFFFFFF) is read up to the last whole frame.
 */
public final class WavReader {
  private static final int PCM = 1;
  private static final int FLOAT = 3;
  private static final int EXTENSIBLE = 0xFFFE;

  /** The highest rate accepted: 768 kHz is the top of studio hardware; anything above is junk. */
  static final int MAX_SAMPLE_RATE = 768_000;

  private WavReader() {}

  /** Whether the bytes start like a WAV file. */
  public static boolean looksLikeWav(byte[] b) {
    return b.length >= 4 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F';
  }

  public static PcmAudio read(byte[] bytes) {
    if (!looksLikeWav(bytes)) {
      throw bad("not a WAV file (no RIFF header)");
    }
    if (bytes.length < 12 || !tag(bytes, 8, "WAVE")) {
      throw bad("truncated or malformed WAV header (no WAVE tag)");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    buf.position(12);
    WavFormat format = null;
    while (buf.remaining() >= 8) {
      int at = buf.position();
      long size = Integer.toUnsignedLong(buf.getInt(at + 4));
      if (tag(bytes, at, "fmt ")) {
        format = WavFormat.parse(buf, at + 8, size);
      } else if (tag(bytes, at, "data")) {
        if (format == null) {
          throw bad("WAV data chunk comes before its fmt chunk");
        }
        int available = (int) Math.min(size, buf.remaining() - 8L);
        return format.decode(buf.slice(at + 8, available).order(ByteOrder.LITTLE_ENDIAN));
      }
      long next = at + 8 + size + (size & 1);
      if (next > bytes.length) {
        break;
      }
      buf.position((int) next);
    }
    throw bad(
        format == null
            ? "truncated WAV header (no fmt chunk)"
            : "WAV file has no data chunk (truncated?)");
  }

  private static boolean tag(byte[] b, int at, String name) {
    for (int i = 0; i < 4; i++) {
      if (at + i >= b.length || b[at + i] != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static ServeException bad(String message) {
    return ServeException.invalid("file", message);
  }

  /** The fmt chunk, validated. */
  record WavFormat(boolean isFloat, int channels, int sampleRate, int bits) {
    WavFormat {
      if (channels < 1) {
        throw bad("WAV declares " + channels + " channels; expected at least 1");
      }
      checkRate(sampleRate);
      boolean ok = isFloat ? bits == 32 || bits == 64 : bits % 8 == 0 && bits >= 8 && bits <= 32;
      if (!ok) {
        throw bad(
            "unsupported WAV encoding: "
                + bits
                + "-bit "
                + (isFloat ? "float" : "PCM")
                + "; supported: PCM 8/16/24/32-bit, float 32/64-bit");
      }
    }

    static int checkRate(long rate) {
      if (rate < 1 || rate > MAX_SAMPLE_RATE) {
        throw bad(
            "WAV declares a sample rate of "
                + rate
                + " Hz; supported: 1 to "
                + MAX_SAMPLE_RATE
                + " Hz");
      }
      return (int) rate;
    }

    static WavFormat parse(ByteBuffer buf, int at, long size) {
      if (size < 16 || at + 16 > buf.limit()) {
        throw bad("truncated WAV header (fmt chunk of " + size + " bytes)");
      }
      int tag = Short.toUnsignedInt(buf.getShort(at));
      if (tag == EXTENSIBLE && size >= 26 && at + 26 <= buf.limit()) {
        tag = Short.toUnsignedInt(buf.getShort(at + 24)); // first two bytes of the sub-format GUID
      }
      if (tag != PCM && tag != FLOAT) {
        throw bad(
            "unsupported WAV format tag 0x"
                + Integer.toHexString(tag)
                + " (compressed?); supported: PCM and IEEE float");
      }
      return new WavFormat(
          tag == FLOAT,
          Short.toUnsignedInt(buf.getShort(at + 2)),
          // Unsigned 32-bit: read as an int, 4e9 Hz would turn negative.
          checkRate(Integer.toUnsignedLong(buf.getInt(at + 4))),
          Short.toUnsignedInt(buf.getShort(at + 14)));
    }

    PcmAudio decode(ByteBuffer data) {
      int width = bits / 8;
      int frames = data.remaining() / (width * channels);
      float[] out = new float[frames * channels];
      for (int i = 0; i < out.length; i++) {
        out[i] = sample(data, i * width);
      }
      return new PcmAudio(sampleRate, channels, out);
    }

    private float sample(ByteBuffer d, int at) {
      if (isFloat) {
        return bits == 32 ? d.getFloat(at) : (float) d.getDouble(at);
      }
      return switch (bits) {
        case 8 -> ((d.get(at) & 0xFF) - 128) / 128f; // 8-bit WAV is unsigned
        case 16 -> d.getShort(at) / 32768f;
        case 24 ->
            ((d.get(at) & 0xFF) | (d.get(at + 1) & 0xFF) << 8 | d.get(at + 2) << 16) / 8388608f;
        default -> d.getInt(at) / 2147483648f;
      };
    }
  }
}
