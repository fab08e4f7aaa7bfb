package dev.mixserve.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.engine.TranscriptionEngine.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubtitlesTest {
  private final List<Segment> segs =
      List.of(new Segment(0, 1.5, " hello ", null), new Segment(3661.25, 3662.0005, "world", null));

  @Test
  void srt() {
    assertThat(Subtitles.srt(segs))
        .isEqualTo(
            "1\n00:00:00,000 --> 00:00:01,500\nhello\n\n"
                + "2\n01:01:01,250 --> 01:01:02,001\nworld\n\n");
  }

  @Test
  void vtt() {
    assertThat(Subtitles.vtt(segs))
        .startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nhello\n\n")
        .contains("01:01:01.250 --> 01:01:02.001\nworld");
  }
}
