package dev.mixserve.protocol.openai;

import dev.mixserve.api.engine.TranscriptionEngine.Segment;
import java.util.List;

/** SubRip and WebVTT renderings of transcript segments. */
public final class Subtitles {
  private Subtitles() {}

  public static String srt(List<Segment> segments) {
    var sb = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      sb.append(i + 1).append('\n');
      sb.append(time(s.start(), ',')).append(" --> ").append(time(s.end(), ',')).append('\n');
      sb.append(s.text()).append("\n\n");
    }
    return sb.toString();
  }

  public static String vtt(List<Segment> segments) {
    var sb = new StringBuilder("WEBVTT\n\n");
    for (Segment s : segments) {
      sb.append(time(s.start(), '.')).append(" --> ").append(time(s.end(), '.')).append('\n');
      sb.append(s.text()).append("\n\n");
    }
    return sb.toString();
  }

  /** HH:MM:SS,mmm (SRT) or HH:MM:SS.mmm (VTT). */
  static String time(double seconds, char separator) {
    long ms = Math.round(seconds * 1000);
    return String.format(
        "%02d:%02d:%02d%c%03d",
        ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, separator, ms % 1000);
  }
}
