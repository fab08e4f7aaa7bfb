package dev.mixserve.engine.audio;

import dev.mixserve.api.engine.SpeechEngine.AudioSink;
import dev.mixserve.api.error.ServeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Forwards a streamed 16-bit mono WAV (as espeak-ng writes it, with a placeholder length) to a sink
 * in chunks as the bytes arrive.
 */
final class WavStream {
  private static final int CHUNK = 8192;

  private WavStream() {}

  static void forward(InputStream in, int expectedRate, AudioSink sink) throws IOException {
    byte[] header = in.readNBytes(44);
    if (header.length == 0) {
      return; // nothing spoken
    }
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    if (header.length < 44 || h.getInt(24) != expectedRate || h.getShort(22) != 1) {
      throw ServeException.engineFailure("unexpected WAV header from the speech process", null);
    }
    byte[] buf = new byte[CHUNK];
    int held = 0; // an odd byte left over from the last read
    for (int n; (n = in.read(buf, held, CHUNK - held)) > 0; ) {
      int total = held + n;
      int even = total & ~1;
      if (even > 0) {
        short[] s = new short[even / 2];
        ByteBuffer.wrap(buf, 0, even).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        sink.accept(s);
      }
      held = total - even;
      if (held == 1) {
        buf[0] = buf[even];
      }
    }
  }
}
