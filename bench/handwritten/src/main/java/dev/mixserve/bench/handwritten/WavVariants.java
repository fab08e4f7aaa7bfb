package dev.mixserve.bench.handwritten;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** jfk.wav re-encoded every way a WAV may come: what each reader accepts. */
final class WavVariants {
  private WavVariants() {}

  record Variant(String name, byte[] bytes) {
    /** A RIFF/WAVE of {@code data} with the given fmt fields; {@code extra} bytes of LIST first. */
    static byte[] build(
        int tag, int bits, int channels, int rate, boolean extensible, byte[] data, int extra) {
      int fmtSize = extensible ? 40 : 16;
      int width = Math.max(1, bits / 8);
      var b =
          ByteBuffer.allocate(
              12 + (extra > 0 ? 8 + extra + (extra & 1) : 0) + 8 + fmtSize + 8 + data.length);
      b.order(ByteOrder.LITTLE_ENDIAN);
      b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
      if (extra > 0) {
        b.put("LIST".getBytes()).putInt(extra).put(new byte[extra + (extra & 1)]);
      }
      b.put("fmt ".getBytes()).putInt(fmtSize);
      b.putShort((short) (extensible ? 0xFFFE : tag)).putShort((short) channels);
      b.putInt(rate).putInt(rate * channels * width).putShort((short) (channels * width));
      b.putShort((short) bits);
      if (extensible) {
        b.putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 4 : 3);
        b.putShort((short) tag)
            .put(
                new byte[] {
                  0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71
                });
      }
      b.put("data".getBytes()).putInt(data.length).put(data);
      return b.array();
    }
  }

  static List<Variant> of(float[] mono) {
    var v = new ArrayList<Variant>();
    v.add(new Variant("PCM 8-bit", Variant.build(1, 8, 1, 16_000, false, encode(mono, 1, 8), 0)));
    v.add(
        new Variant(
            "PCM 16-bit (as uploaded)",
            Variant.build(1, 16, 1, 16_000, false, encode(mono, 1, 16), 0)));
    v.add(
        new Variant("PCM 24-bit", Variant.build(1, 24, 1, 16_000, false, encode(mono, 1, 24), 0)));
    v.add(
        new Variant("PCM 32-bit", Variant.build(1, 32, 1, 16_000, false, encode(mono, 1, 32), 0)));
    v.add(
        new Variant(
            "float 32-bit", Variant.build(3, 32, 1, 16_000, false, encode(mono, 3, 32), 0)));
    v.add(
        new Variant(
            "float 64-bit", Variant.build(3, 64, 1, 16_000, false, encode(mono, 3, 64), 0)));
    v.add(
        new Variant(
            "EXTENSIBLE PCM 16-bit",
            Variant.build(1, 16, 1, 16_000, true, encode(mono, 1, 16), 0)));
    v.add(
        new Variant(
            "EXTENSIBLE PCM 24-bit",
            Variant.build(1, 24, 1, 16_000, true, encode(mono, 1, 24), 0)));
    v.add(
        new Variant(
            "EXTENSIBLE float 32-bit",
            Variant.build(3, 32, 1, 16_000, true, encode(mono, 3, 32), 0)));
    float[] stereo = new float[mono.length * 2];
    for (int i = 0; i < mono.length; i++) {
      stereo[2 * i] = mono[i];
      stereo[2 * i + 1] = mono[i];
    }
    v.add(
        new Variant(
            "stereo 16-bit 44.1 kHz",
            Variant.build(1, 16, 2, 44_100, false, encode(stereo, 1, 16), 0)));
    v.add(
        new Variant(
            "LIST chunk before fmt (odd size)",
            Variant.build(1, 16, 1, 16_000, false, encode(mono, 1, 16), 27)));
    byte[] streamed = Variant.build(1, 16, 1, 16_000, false, encode(mono, 1, 16), 0);
    ByteBuffer.wrap(streamed).order(ByteOrder.LITTLE_ENDIAN).putInt(4, -1).putInt(40, -1);
    v.add(new Variant("streamed: sizes 0xFFFFFFFF", streamed));
    byte[] zero = Variant.build(1, 16, 1, 16_000, false, encode(mono, 1, 16), 0);
    ByteBuffer.wrap(zero).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0).putInt(40, 0);
    v.add(new Variant("streamed: sizes 0", zero));
    byte[] whole = Variant.build(1, 16, 1, 16_000, false, encode(mono, 1, 16), 0);
    v.add(new Variant("cut mid-sample (odd length)", Arrays.copyOf(whole, whole.length - 1001)));
    v.add(
        new Variant("mu-law 8-bit (tag 7)", Variant.build(7, 8, 1, 8_000, false, mulaw(mono), 0)));
    return v;
  }

  static byte[] encode(float[] s, int tag, int bits) {
    var b = ByteBuffer.allocate(s.length * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : s) {
      double v = Math.max(-1, Math.min(1, x));
      switch (tag * 100 + bits) {
        case 108 -> b.put((byte) (Math.round(v * 127) + 128));
        case 116 -> b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
        case 124 -> {
          int i = (int) Math.max(-8388608, Math.min(8388607, Math.round(v * 8388608)));
          b.put((byte) i).put((byte) (i >> 8)).put((byte) (i >> 16));
        }
        case 132 ->
            b.putInt(
                (int)
                    Math.max(
                        Integer.MIN_VALUE,
                        Math.min(Integer.MAX_VALUE, Math.round(v * 2147483648.0))));
        case 332 -> b.putFloat((float) v);
        case 364 -> b.putDouble(v);
        default -> throw new IllegalArgumentException();
      }
    }
    return b.array();
  }

  private static byte[] mulaw(float[] s) {
    byte[] out = new byte[s.length];
    for (int i = 0; i < s.length; i++) {
      int pcm = Math.max(-32635, Math.min(32635, Math.round(s[i] * 32767)));
      int sign = pcm < 0 ? 0x80 : 0;
      int mag = Math.abs(pcm) + 0x84;
      int exp = 7;
      for (int mask = 0x4000; (mag & mask) == 0 && exp > 0; mask >>= 1) {
        exp--;
      }
      int mant = (mag >> (exp + 3)) & 0x0F;
      out[i] = (byte) ~(sign | (exp << 4) | mant);
    }
    return out;
  }
}
