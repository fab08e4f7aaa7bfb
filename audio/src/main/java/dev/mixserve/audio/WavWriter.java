package dev.mixserve.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes 16-bit mono PCM WAV, whole or as a header followed by streamed samples. */
public final class WavWriter {
  /** The data size a streamed header declares: the largest a RIFF file can hold. */
  public static final long UNKNOWN_LENGTH = 0xFFFFFFFFL;

  private WavWriter() {}

  public static byte[] write(short[] samples, int sampleRate) {
    byte[] header = header(sampleRate, samples.length * 2L);
    byte[] out = new byte[header.length + samples.length * 2];
    System.arraycopy(header, 0, out, 0, header.length);
    byte[] body = littleEndian(samples);
    System.arraycopy(body, 0, out, header.length, body.length);
    return out;
  }

  /**
   * The 44-byte header; pass {@link #UNKNOWN_LENGTH} when streaming, which readers (ours, ffmpeg,
   * browsers) take as "until the end".
   */
  public static byte[] header(int sampleRate, long dataBytes) {
    long riffSize =
        dataBytes == UNKNOWN_LENGTH ? UNKNOWN_LENGTH : Math.min(36 + dataBytes, UNKNOWN_LENGTH);
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt((int) riffSize).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    b.putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt((int) dataBytes);
    return b.array();
  }

  /** Raw s16le, the body of a WAV and OpenAI's "pcm" format. */
  public static byte[] littleEndian(short[] samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(samples);
    return b.array();
  }
}
