package dev.mixserve.cli.voice;

import dev.mixserve.audio.SileroVad;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The live loop of {@code mixserve voice --listen}: 16 kHz mono 16-bit little-endian audio from a
 * stream (e.g. {@code arecord -f S16_LE -r 16000 -c 1 -t raw}), cut into utterances by Silero VAD,
 * each handed on as 16 kHz PCM as soon as its speaker falls silent. The VAD is recurrent and reads
 * from the start, so the buffer is re-scored as it grows; it is cleared after each utterance.
 */
public final class Listener {
  /** Re-score every half second of new audio. */
  private static final int STEP = 16 * SileroVad.WINDOW;

  private final SileroVad vad;
  private final Utterances cutter;
  private final int maxSamples;

  public Listener(SileroVad vad, Utterances cutter, double maxSeconds) {
    this.vad = vad;
    this.cutter = cutter;
    this.maxSamples = (int) (maxSeconds * 16_000);
  }

  /** Reads until the end of {@code in}, calling {@code onUtterance} with each one's samples. */
  public void run(InputStream in, Consumer<float[]> onUtterance) throws IOException {
    var data = new DataInputStream(in);
    float[] buf = new float[0];
    boolean open = true;
    while (open) {
      float[] more = read(data, STEP);
      open = more.length == STEP;
      buf = drain(concat(buf, more), onUtterance);
      float[] probs = vad.probabilities(buf);
      if (!open && cutter.hasSpeech(probs) || buf.length >= maxSamples) {
        onUtterance.accept(buf); // the input ended mid-utterance, or one ran too long to wait
        buf = new float[0];
      } else if (!cutter.hasSpeech(probs) && buf.length > STEP * 4) {
        buf = Arrays.copyOfRange(buf, buf.length - STEP, buf.length); // silence: keep a little
      }
    }
  }

  /** Hands on every finished utterance in {@code buf}; returns what follows the last one. */
  private float[] drain(float[] buf, Consumer<float[]> onUtterance) {
    var span = cutter.finished(vad.probabilities(buf));
    while (span.isPresent()) {
      int end = span.get().end() * SileroVad.WINDOW;
      onUtterance.accept(Arrays.copyOfRange(buf, span.get().start() * SileroVad.WINDOW, end));
      buf = Arrays.copyOfRange(buf, end, buf.length);
      span = cutter.finished(vad.probabilities(buf));
    }
    return buf;
  }

  private static float[] read(DataInputStream in, int samples) throws IOException {
    float[] out = new float[samples];
    for (int i = 0; i < samples; i++) {
      try {
        out[i] = Short.reverseBytes(in.readShort()) / 32768f;
      } catch (EOFException e) {
        return Arrays.copyOf(out, i);
      }
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
