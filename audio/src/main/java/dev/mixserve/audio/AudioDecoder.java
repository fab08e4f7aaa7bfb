package dev.mixserve.audio;

import dev.mixserve.api.error.ServeException;

/**
 * Turns an uploaded file into 16 kHz mono samples. WAV is decoded here; other containers are
 * recognised by their magic bytes so the error can say what was sent and what is supported.
 */
public final class AudioDecoder {
  public static final String SUPPORTED =
      "WAV (PCM 8/16/24/32-bit or float, any rate, any channel count)";

  private AudioDecoder() {}

  public static PcmAudio decode(byte[] bytes) {
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
    throw ServeException.invalid(
        "file",
        (kind == null ? "unrecognised audio format" : kind + " audio is not supported")
            + "; supported: "
            + SUPPORTED);
  }

  /** Names the container the bytes look like, or null. */
  static String sniff(byte[] b) {
    if (starts(b, "fLaC")) {
      return "FLAC";
    }
    if (starts(b, "OggS")) {
      return "Ogg";
    }
    if (starts(b, "ID3") || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)) {
      return "MP3";
    }
    if (b.length > 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
      return "MP4/M4A";
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
