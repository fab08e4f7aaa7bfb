package dev.mixserve.audio;

import dev.mixserve.api.error.ServeException;

/**
 * Turns an uploaded file into samples, by what its bytes are, never by its name: PCM WAV is read
 * here (no native code), everything else by FFmpeg. Magic bytes name the format in errors.
 */
public final class AudioDecoder {
  public static final String SUPPORTED =
      "FLAC, MP3 (mpga), MP4/M4A (AAC), MPEG, Ogg (Opus, Vorbis, FLAC), WAV, WebM (Opus, Vorbis)";

  private AudioDecoder() {}

  public static PcmAudio decode(byte[] bytes) {
    return decode(bytes, Double.MAX_VALUE);
  }

  /** Stops early, with a 400, once the audio runs past {@code maxSeconds}. */
  public static PcmAudio decode(byte[] bytes, double maxSeconds) {
    if (bytes.length == 0) {
      throw ServeException.invalid("file", "the audio file is empty");
    }
    if (WavReader.looksLikeWav(bytes)) {
      PcmAudio audio = WavReader.read(bytes);
      if (audio.frames() == 0) {
        throw ServeException.invalid("file", "the WAV file holds no audio samples");
      }
      return audio;
    }
    String kind = sniff(bytes);
    if (kind == null) {
      throw ServeException.invalid("file", "unrecognised audio format; supported: " + SUPPORTED);
    }
    return FfmpegDecoder.decode(bytes, kind, maxSeconds);
  }

  /** Names the container the bytes look like, or null. */
  static String sniff(byte[] b) {
    if (starts(b, "fLaC")) {
      return "FLAC";
    }
    if (starts(b, "OggS")) {
      return "Ogg";
    }
    if (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xF6) == 0xF0) {
      return "AAC"; // ADTS: a sync word that MP3's test below would take too
    }
    if (starts(b, "ID3") || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)) {
      return "MP3";
    }
    if (b.length > 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
      return "MP4/M4A";
    }
    if (b.length > 3 && b[0] == 0 && b[1] == 0 && b[2] == 1 && (b[3] & 0xFF) == 0xBA) {
      return "MPEG";
    }
    if (starts(b, "\u001aE\u00df\u00a3")) {
      return "WebM";
    }
    return null;
  }

  private static boolean starts(byte[] b, String magic) {
    if (b.length < magic.length()) {
      return false;
    }
    for (int i = 0; i < magic.length(); i++) {
      if ((b[i] & 0xFF) != magic.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
