package dev.mixserve.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The words a transcript of a spoken answer shares with the answer's text. Whisper's tiny model
 * hears FreeTTS's voice poorly ("dad said" came back "that said"), and a short story is mostly
 * short words: whole words of two letters or more, apostrophes kept ("i'm"), show the answer was
 * spoken without asking the recogniser for more than it gives.
 */
final class HeardWords {
  private static final String NOT_A_WORD = "[^\\p{L}\\p{N}']+";

  private HeardWords() {}

  static List<String> inCommon(String heard, String answer) {
    var spoken = Arrays.asList(answer.toLowerCase(Locale.ROOT).split(NOT_A_WORD));
    return Arrays.stream(heard.toLowerCase(Locale.ROOT).split(NOT_A_WORD))
        .filter(w -> w.length() > 1 && spoken.contains(w))
        .distinct()
        .toList();
  }
}
