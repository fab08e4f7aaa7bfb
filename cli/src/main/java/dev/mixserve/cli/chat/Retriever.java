package dev.mixserve.cli.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Picks the chunks that answer a question: the {@code candidates} most similar by cosine (cheap,
 * over every chunk), then the reranker orders those and the best {@code keep} are used. The
 * reranker sees only a few candidates because it reads query and document together.
 */
public record Retriever(
    DocsIndex index, Embedder embedder, Reranker reranker, int candidates, int keep) {
  public Retriever {
    if (candidates < 1 || keep < 1 || keep > candidates) {
      throw new IllegalArgumentException(
          "need 1 <= keep <= candidates, got " + keep + " and " + candidates);
    }
  }

  public List<Hit> retrieve(String question) {
    float[] q = embedder.embed(List.of(question)).getFirst();
    var entries = index.entries();
    List<Integer> best =
        IntStream.range(0, entries.size())
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> -cosine(q, entries.get(i).vector())))
            .limit(candidates)
            .toList();
    List<Integer> order =
        reranker.order(question, best.stream().map(i -> index.chunks().get(i).text()).toList());
    var hits = new ArrayList<Hit>();
    for (int r = 0; r < Math.min(keep, order.size()); r++) {
      int i = best.get(order.get(r));
      hits.add(new Hit(index.chunks().get(i), cosine(q, entries.get(i).vector()), r));
    }
    return hits;
  }

  /** The files the hits came from, best first, each once: what the answer cites. */
  public static List<String> files(List<Hit> hits) {
    var out = new LinkedHashSet<String>();
    hits.forEach(h -> out.add(h.chunk().file()));
    return List.copyOf(out);
  }

  static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors of " + a.length + " and " + b.length + " dimensions");
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
