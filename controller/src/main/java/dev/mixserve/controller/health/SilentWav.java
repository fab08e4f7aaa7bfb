package dev.mixserve.controller.health;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Half a second of 16 kHz mono 16-bit silence, the smallest audio every recognizer accepts. */
final class SilentWav {
  private static final int RATE = 16_000;
  private static final int DATA_BYTES = RATE / 2 * 2;

  private SilentWav() {}

  static byte[] bytes() {
    var b = ByteBuffer.allocate(44 + DATA_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + DATA_BYTES).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    b.putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(DATA_BYTES);
    return b.array(); // the samples are already zero
  }
}
