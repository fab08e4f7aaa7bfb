package dev.mixserve.audio;

import static dev.mixserve.audio.SpeechFormat.Rates.AAC_RATES;
import static dev.mixserve.audio.SpeechFormat.Rates.MP3_RATES;
import static dev.mixserve.audio.SpeechFormat.Rates.OPUS_RATES;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;

import dev.mixserve.audio.FfmpegEncoder.Recipe;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The output formats of OpenAI's /v1/audio/speech, with the Content-Type each is sent with. */
public enum SpeechFormat {
  // Encoder settings from audio/README.md's measurements: the fastest that still transcribe as
  // well as WAV (LAME -q 7, Opus complexity 0, AAC's fast coder). Nearly all of an encoding's time
  // is inside the codec (set-up and the JVM's share are a few %), so these are what sets its cost.
  // Opus: application=lowdelay is CELT alone, 2-2.4x faster than VoIP mode's SILK at complexity 0
  // on speech here. The trade: SILK is built for speech at low bit rates (under ~20 kb/s); at our
  // 32 kb/s wideband CELT loses nothing that matters to a listener or to transcription
  // (PocketSphinx heard FreeTTS's CELT as well as its WAV). Lower the bit rate and go back to voip.
  MP3(
      "audio/mpeg",
      new Recipe(
          "mp3", "libmp3lame", AV_SAMPLE_FMT_S16P, 64_000, MP3_RATES, "compression_level=7")),
  OPUS(
      "audio/ogg",
      new Recipe(
          "ogg",
          "libopus",
          AV_SAMPLE_FMT_S16,
          32_000,
          OPUS_RATES,
          "compression_level=0,application=lowdelay")),
  AAC(
      "audio/aac",
      new Recipe("adts", "aac", AV_SAMPLE_FMT_FLTP, 64_000, AAC_RATES, "aac_coder=fast")),
  FLAC("audio/flac", new Recipe("flac", "flac", AV_SAMPLE_FMT_S16, 0, new int[0], "")),
  WAV("audio/wav", null),
  /** OpenAI's "pcm": s16le at 24 kHz, which clients play without looking at any header. */
  PCM("audio/pcm", null);

  private final String contentType;
  private final Recipe recipe;

  SpeechFormat(String contentType, Recipe recipe) {
    this.contentType = contentType;
    this.recipe = recipe;
  }

  /** The sample rate of the audio sent, for audio made at {@code engineRate}. */
  public int outputRate(int engineRate) {
    return switch (this) {
      case WAV -> engineRate;
      case PCM -> PcmEncoder.RATE;
      default -> recipe.rateFor(engineRate);
    };
  }

  /** How FFmpeg makes it; null for WAV and PCM, which need no codec. */
  Recipe recipe() {
    return recipe;
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
      case PCM -> new PcmEncoder(rate); // libswresample streams it to 24 kHz
      default -> new FfmpegEncoder(recipe, rate);
    };
  }

  /** The rates each codec takes; others are resampled to the next one up. */
  static final class Rates {
    static final int[] MP3_RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
    static final int[] OPUS_RATES = {8000, 12000, 16000, 24000, 48000};
    static final int[] AAC_RATES = {
      7350, 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000
    };

    private Rates() {}
  }
}
