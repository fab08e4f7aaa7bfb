package dev.mixserve.cli.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A fake embedder for unit tests: a bag of hashed words, so shared words mean similarity. */
final class WordEmbedder implements Embedder {
  private static final int DIMS = 64;
  int calls;
  int texts;

  @Override
  public String id() {
    return "words-64";
  }

  @Override
  public List<float[]> embed(List<String> batch) {
    calls++;
    texts += batch.size();
    var out = new ArrayList<float[]>();
    for (String t : batch) {
      float[] v = new float[DIMS];
      for (String w : t.toLowerCase(Locale.ROOT).split("\\W+")) {
        if (w.length() > 3) {
          v[Math.floorMod(w.hashCode(), DIMS)] += 1;
        }
      }
      out.add(v);
    }
    return out;
  }
}
