package dev.mixserve.client.voice;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * A WAV file as the voice handler needs it: the fmt chunk kept as is, the sample bytes, so that
 * clips spoken one sentence at a time can be joined into one file. Decoding is the server's job.
 *
 * @param format the fmt chunk's body (16+ bytes: codec, channels, rate, byte rate, align, bits)
 */
public record WavClip(byte[] format, byte[] data) {
  public WavClip {
    if (format.length < 16) {
      throw new IllegalArgumentException("a WAV fmt chunk has at least 16 bytes");
    }
  }

  public static WavClip parse(byte[] b) {
    if (b.length < 12 || !tag(b, 0, "RIFF") || !tag(b, 8, "WAVE")) {
      throw new IllegalArgumentException("not a WAV file (no RIFF/WAVE header)");
    }
    var buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    byte[] fmt = null;
    for (int at = 12; at + 8 <= b.length; ) {
      long size = Integer.toUnsignedLong(buf.getInt(at + 4));
      int end = (int) Math.min(b.length, at + 8 + size); // streamed WAVs declare 0xFFFFFFFF
      if (tag(b, at, "fmt ")) {
        fmt = Arrays.copyOfRange(b, at + 8, end);
      } else if (tag(b, at, "data") && fmt != null) {
        return new WavClip(fmt, Arrays.copyOfRange(b, at + 8, end));
      }
      at = (int) Math.min(Integer.MAX_VALUE, at + 8 + size + (size & 1));
    }
    throw new IllegalArgumentException("WAV file without fmt and data chunks (truncated?)");
  }

  public int sampleRate() {
    return ByteBuffer.wrap(format).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
  }

  /** Bytes per second, from the fmt chunk. */
  public double seconds() {
    int byteRate = ByteBuffer.wrap(format).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    return byteRate == 0 ? 0 : (double) data.length / byteRate;
  }

  /** The clips one after another; they must share one format (one TTS voice does). */
  public static WavClip join(List<WavClip> clips) {
    var out = new ByteArrayOutputStream();
    for (WavClip c : clips) {
      if (!Arrays.equals(c.format, clips.getFirst().format)) {
        throw new IllegalArgumentException("cannot join WAV clips of different formats");
      }
      out.writeBytes(c.data);
    }
    return new WavClip(clips.getFirst().format, out.toByteArray());
  }

  public byte[] bytes() {
    var buf =
        ByteBuffer.allocate(20 + format.length + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.put("RIFF".getBytes()).putInt(20 + format.length + data.length).put("WAVE".getBytes());
    buf.put("fmt ".getBytes()).putInt(format.length).put(format);
    buf.put("data".getBytes()).putInt(data.length).put(data);
    return buf.array();
  }

  private static boolean tag(byte[] b, int at, String name) {
    return at + 4 <= b.length
        && new String(b, at, 4, java.nio.charset.StandardCharsets.US_ASCII).equals(name);
  }
}
