package dev.mixserve.engine.audio;

import com.sun.speech.freetts.audio.AudioPlayer;
import dev.mixserve.api.engine.SpeechEngine.AudioSink;
import javax.sound.sampled.AudioFormat;

/**
 * A FreeTTS audio player that hands samples to a sink instead of a sound card. FreeTTS writes
 * 16-bit signed samples in the byte order of its {@link AudioFormat}; they go on as shorts. An
 * exception from the sink stops the utterance (write returns false) and is kept for the caller.
 */
final class SinkPlayer implements AudioPlayer {
  private final AudioSink sink;
  private AudioFormat format = new AudioFormat(16_000, 16, 1, true, true);
  private RuntimeException failure;

  SinkPlayer(AudioSink sink) {
    this.sink = sink;
  }

  RuntimeException failure() {
    return failure;
  }

  @Override
  public boolean write(byte[] bytes, int offset, int length) {
    if (failure != null) {
      return false;
    }
    boolean big = format.isBigEndian();
    short[] s = new short[length / 2];
    for (int i = 0; i < s.length; i++) {
      int a = bytes[offset + 2 * i] & 0xFF;
      int b = bytes[offset + 2 * i + 1] & 0xFF;
      s[i] = (short) (big ? a << 8 | b : b << 8 | a);
    }
    try {
      sink.accept(s);
      return true;
    } catch (RuntimeException e) {
      failure = e;
      return false;
    }
  }

  @Override
  public boolean write(byte[] bytes) {
    return write(bytes, 0, bytes.length);
  }

  @Override
  public void setAudioFormat(AudioFormat format) {
    this.format = format;
  }

  @Override
  public AudioFormat getAudioFormat() {
    return format;
  }

  // The rest of the interface drives a sound card; a sink has nothing to pause, drain or time.

  @Override
  public void pause() {}

  @Override
  public void resume() {}

  @Override
  public void reset() {}

  @Override
  public boolean drain() {
    return true;
  }

  @Override
  public void begin(int size) {}

  @Override
  public boolean end() {
    return failure == null;
  }

  @Override
  public void cancel() {}

  @Override
  public void close() {}

  @Override
  public float getVolume() {
    return 1;
  }

  @Override
  public void setVolume(float volume) {}

  @Override
  public long getTime() {
    return 0;
  }

  @Override
  public void resetTime() {}

  @Override
  public void startFirstSampleTimer() {}

  @Override
  public void showMetrics() {}
}
