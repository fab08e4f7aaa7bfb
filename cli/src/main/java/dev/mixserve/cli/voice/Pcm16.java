package dev.mixserve.cli.voice;

import dev.mixserve.client.voice.WavClip;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** 16 kHz mono float samples as a 16-bit PCM WAV, what /whisper is sent. */
public final class Pcm16 {
  private Pcm16() {}

  public static byte[] wav(float[] samples) {
    var fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    fmt.putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000);
    fmt.putShort((short) 2).putShort((short) 16);
    var data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : samples) {
      data.putShort((short) Math.round(Math.max(-1f, Math.min(1f, s)) * 32767));
    }
    return new WavClip(fmt.array(), data.array()).bytes();
  }
}
