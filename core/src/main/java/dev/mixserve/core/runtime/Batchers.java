package dev.mixserve.core.runtime;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.engine.EmbeddingEngine;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.RerankEngine;
import dev.mixserve.core.batch.Batcher;
import dev.mixserve.core.metrics.DeploymentMetrics;

/** The batchers of a ready deployment; null where its engine does not do that task. */
public record Batchers(
    Batcher<EmbeddingEngine.Input, EmbeddingEngine.Embedded> embeddings,
    Batcher<RerankEngine.Pair, RerankEngine.Score> rerank)
    implements AutoCloseable {

  static Batchers of(Deployment d, Engine engine, DeploymentMetrics metrics) {
    // A batch queue bounded by what the admission gate lets in, times a generous item count.
    int maxItems = Math.max(1024, d.batching().maxBatchSize() * 64);
    var emb =
        switch (d.task()) {
          case EMBEDDING ->
              engine instanceof EmbeddingEngine e
                  ? new Batcher<>(d.name(), d.batching(), maxItems, e::embed, metrics)
                  : null;
          default -> null;
        };
    var rer =
        switch (d.task()) {
          case RERANK ->
              engine instanceof RerankEngine r
                  ? new Batcher<>(d.name(), d.batching(), maxItems, r::score, metrics)
                  : null;
          default -> null;
        };
    return new Batchers(emb, rer);
  }

  @Override
  public void close() {
    if (embeddings != null) {
      embeddings.close();
    }
    if (rerank != null) {
      rerank.close();
    }
  }
}
