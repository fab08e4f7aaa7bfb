package dev.mixserve.engine.onnx;

import dev.mixserve.api.Task;
import dev.mixserve.api.engine.EmbeddingEngine;
import dev.mixserve.api.engine.ModelCard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sentence embeddings from a BERT-family ONNX model: CLS or mean pooling, then L2 norm. */
public final class BertEmbeddingEngine implements EmbeddingEngine {
  private final String model;
  private final Shared.Lease<BertEncoder> lease;
  private final BertEncoder encoder;
  private final Pooling pooling;
  private final boolean normalize;
  private final int dimensions;

  BertEmbeddingEngine(
      String model, Shared.Lease<BertEncoder> lease, Pooling pooling, boolean normalize) {
    this.model = model;
    this.lease = lease;
    this.encoder = lease.get();
    this.pooling = pooling;
    this.normalize = normalize;
    try {
      this.dimensions =
          embedTokens(new BertEncoder.Tokens[] {encoder.tokenize(List.of(""))[0]})
              .getFirst()
              .vector()
              .length;
    } catch (RuntimeException e) {
      lease.close(); // a model that cannot embed is not kept for the next user
      throw e;
    }
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        model,
        Task.EMBEDDING,
        "onnx-bert",
        "BERT-family sentence embeddings on ONNX Runtime ("
            + pooling.name().toLowerCase()
            + " pooling"
            + (normalize ? ", L2-normalised" : "")
            + ").",
        Map.of("dimensions", dimensions, "max_tokens", encoder.maxTokens()));
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public int maxTokens() {
    return encoder.maxTokens();
  }

  @Override
  public boolean acceptsTokens() {
    return true;
  }

  @Override
  public List<Embedded> embed(List<Input> inputs) {
    var texts = new ArrayList<String>();
    for (Input in : inputs) {
      if (in instanceof Input.Text t) {
        texts.add(t.text());
      }
    }
    BertEncoder.Tokens[] encoded = encoder.tokenize(texts);
    var batch = new BertEncoder.Tokens[inputs.size()];
    int next = 0;
    for (int i = 0; i < inputs.size(); i++) {
      batch[i] =
          switch (inputs.get(i)) {
            case Input.Text t -> encoded[next++];
            case Input.Tokens t -> encoder.fromIds(t.ids());
          };
    }
    return embedTokens(batch);
  }

  private List<Embedded> embedTokens(BertEncoder.Tokens[] batch) {
    BertEncoder.Output out = encoder.run(batch);
    long[] shape = out.shape(); // [batch, seq, hidden] or [batch, hidden]
    var result = new ArrayList<Embedded>(batch.length);
    for (int b = 0; b < batch.length; b++) {
      float[] v;
      if (shape.length == 3) {
        v = pooling.pool(out.data(), (int) shape[1], (int) shape[2], b, batch[b].length());
      } else {
        int width = (int) shape[1];
        v = new float[width];
        System.arraycopy(out.data(), b * width, v, 0, width);
      }
      if (normalize) {
        Pooling.normalize(v);
      }
      result.add(new Embedded(v, batch[b].length()));
    }
    return result;
  }

  BertEncoder encoder() {
    return encoder;
  }

  /** Embeds texts without the batch bookkeeping; used by the bi-encoder reranker. */
  List<Embedded> embedTexts(List<String> texts) {
    return embedTokens(encoder.tokenize(texts));
  }

  @Override
  public void close() {
    lease.close(); // the encoder itself once its last user closes
  }
}
