package dev.mixserve.engine.onnx;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.ModelCard;
import dev.mixserve.api.engine.RerankEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cross-encoder (BGE-reranker shape): the pair is read together and the model's first logit is
 * the score; relevance is its sigmoid.
 */
public final class CrossEncoderRerankEngine implements RerankEngine {
  private final String model;
  private final Shared.Lease<BertEncoder> lease;
  private final BertEncoder encoder;

  CrossEncoderRerankEngine(String model, Shared.Lease<BertEncoder> lease) {
    this.model = model;
    this.lease = lease;
    this.encoder = lease.get();
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        model,
        Task.RERANK,
        "onnx-cross-encoder",
        "Cross-encoder reranker on ONNX Runtime; relevance is sigmoid(logit).",
        Map.of("max_tokens", encoder.maxTokens()));
  }

  @Override
  public List<Score> score(List<Pair> pairs) {
    var queries = pairs.stream().map(Pair::query).toList();
    var docs = pairs.stream().map(Pair::document).toList();
    BertEncoder.Tokens[] batch = encoder.tokenizePairs(queries, docs);
    BertEncoder.Output out = encoder.run(batch);
    long[] shape = out.shape(); // [batch, labels] with labels >= 1
    int width = shape.length == 2 ? (int) shape[1] : 1;
    if (shape.length == 3) {
      throw new IllegalStateException(
          "model " + model + " outputs hidden states, not logits: it is not a cross-encoder");
    }
    var scores = new ArrayList<Score>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      double logit = out.data()[i * width];
      scores.add(new Score(logit, 1 / (1 + Math.exp(-logit)), batch[i].length()));
    }
    return scores;
  }

  @Override
  public void close() {
    lease.close(); // the encoder itself once its last user closes
  }
}
