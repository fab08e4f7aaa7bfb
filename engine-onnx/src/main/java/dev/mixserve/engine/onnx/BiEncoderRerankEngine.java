package dev.mixserve.engine.onnx;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.api.engine.RerankEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reranks by cosine similarity of embeddings. Not a cross-encoder, and its model card says so: it
 * exists so that /reranker works with the one model that ships in the build. Relevance is the
 * cosine mapped from [-1, 1] to [0, 1].
 */
public final class BiEncoderRerankEngine implements RerankEngine {
  private final BertEmbeddingEngine embedder;
  private final String model;

  BiEncoderRerankEngine(String model, BertEmbeddingEngine embedder) {
    this.model = model;
    this.embedder = embedder;
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        model,
        Task.RERANK,
        "onnx-bi-encoder",
        "Bi-encoder scorer: cosine similarity of "
            + model
            + " embeddings, NOT a cross-encoder; configure onnx-cross-encoder with a"
            + " BGE-reranker model for cross-encoder quality.",
        Map.of("scoring", "cosine", "relevance", "(cosine + 1) / 2"));
  }

  @Override
  public List<Score> score(List<Pair> pairs) {
    // Every distinct text is embedded once per batch: a query shared by 30 documents costs one.
    var index = new LinkedHashMap<String, Integer>();
    for (Pair p : pairs) {
      index.putIfAbsent(p.query(), index.size());
      index.putIfAbsent(p.document(), index.size());
    }
    var vectors = embedder.embedTexts(new ArrayList<>(index.keySet()));
    var out = new ArrayList<Score>(pairs.size());
    for (Pair p : pairs) {
      var q = vectors.get(index.get(p.query()));
      var d = vectors.get(index.get(p.document()));
      double cos = dot(q.vector(), d.vector());
      out.add(new Score(cos, (cos + 1) / 2, q.tokens() + d.tokens()));
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  @Override
  public void close() {
    embedder.close();
  }
}
