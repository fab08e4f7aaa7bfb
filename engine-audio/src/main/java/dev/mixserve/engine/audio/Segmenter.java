package dev.mixserve.engine.audio;

import dev.mixserve.api.engine.TranscriptionEngine.Segment;
import dev.mixserve.api.engine.TranscriptionEngine.Word;
import dev.mixserve.engine.audio.PocketSphinxDecoder.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns PocketSphinx's token stream into words and subtitle-sized segments: fillers ({@code <s>},
 * {@code <sil>}, {@code [NOISE]}) are dropped, alternate pronunciations ({@code the(2)}) lose their
 * suffix, and a segment ends at a pause of half a second or after ten seconds.
 */
final class Segmenter {
  private static final double PAUSE = 0.5;
  private static final double LONGEST = 10;

  private Segmenter() {}

  static List<Segment> segments(List<Token> tokens) {
    var segments = new ArrayList<Segment>();
    var words = new ArrayList<Word>();
    for (Token t : tokens) {
      if (isFiller(t.text())) {
        continue;
      }
      Word w =
          new Word(
              t.text().replaceFirst("\\(\\d+\\)$", ""),
              t.startFrame() * PocketSphinxDecoder.FRAME_SECONDS,
              (t.endFrame() + 1) * PocketSphinxDecoder.FRAME_SECONDS);
      if (!words.isEmpty()
          && (w.start() - words.getLast().end() >= PAUSE
              || w.end() - words.getFirst().start() > LONGEST)) {
        segments.add(segment(words));
        words.clear();
      }
      words.add(w);
    }
    if (!words.isEmpty()) {
      segments.add(segment(words));
    }
    return segments;
  }

  private static boolean isFiller(String token) {
    return token.startsWith("<") || token.startsWith("[") || token.startsWith("++");
  }

  private static Segment segment(List<Word> words) {
    String text = String.join(" ", words.stream().map(Word::word).toList());
    return new Segment(words.getFirst().start(), words.getLast().end(), text, List.copyOf(words));
  }
}
