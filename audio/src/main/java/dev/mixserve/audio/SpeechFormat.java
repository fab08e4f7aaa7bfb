package dev.mixserve.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The output formats of OpenAI's /v1/audio/speech, with the Content-Type each is sent with. */
public enum SpeechFormat {
  WAV("audio/wav"),
  PCM("audio/pcm");

  private final String contentType;

  SpeechFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(SpeechFormat::id).toList();
  }

  public static SpeechFormat of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  /**
   * An encoder for mono 16-bit samples at {@code rate}; {@code totalSamples} is the whole length
   * when known before the first byte goes out, else -1.
   */
  public SpeechEncoder encoder(int rate, long totalSamples) {
    return switch (this) {
      case WAV -> new WavEncoder(rate, totalSamples);
      case PCM -> new RawEncoder();
    };
  }

  /** OpenAI's "pcm": the samples alone, s16le. */
  private static final class RawEncoder implements SpeechEncoder {
    @Override
    public byte[] encode(short[] samples) {
      return WavWriter.littleEndian(samples);
    }

    @Override
    public byte[] finish() {
      return new byte[0];
    }
  }
}
