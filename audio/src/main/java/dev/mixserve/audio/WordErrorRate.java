package dev.mixserve.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, after lower-casing
 * and dropping punctuation, so that "Country." and "country" count as the same word.
 */
public final class WordErrorRate {
  private WordErrorRate() {}

  public static double of(String reference, String hypothesis) {
    List<String> ref = words(reference);
    List<String> hyp = words(hypothesis);
    if (ref.isEmpty()) {
      return hyp.isEmpty() ? 0 : 1;
    }
    return distance(ref, hyp) / (double) ref.size();
  }

  public static List<String> words(String text) {
    String clean =
        text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").replace("' ", " ");
    return Arrays.stream(clean.split("\\s+")).filter(w -> !w.isBlank()).toList();
  }

  /** Levenshtein distance over words, one row at a time. */
  static int distance(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (int j = 0; j <= b.size(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.size(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.size(); j++) {
        int same = a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1;
        cur[j] = Math.min(prev[j - 1] + same, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.size()];
  }
}
