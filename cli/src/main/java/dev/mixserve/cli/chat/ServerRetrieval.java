package dev.mixserve.cli.chat;

import dev.mixserve.client.MixserveClient;
import dev.mixserve.client.RerankResult;
import dev.mixserve.client.Target;
import java.util.List;

/** Retrieval's seams served by mixserve: /embeddings for vectors, /reranker for the order. */
public final class ServerRetrieval {
  private ServerRetrieval() {}

  public static Embedder embedder(MixserveClient client, Target target) {
    return new Embedder() {
      @Override
      public String id() {
        // The model behind the route is what makes vectors comparable; its name is read once.
        return target + " " + modelOf(client, target);
      }

      @Override
      public List<float[]> embed(List<String> texts) {
        return client.embed(target, texts);
      }
    };
  }

  public static Reranker reranker(MixserveClient client, Target target) {
    return (query, docs) ->
        client.rerank(target, query, docs, null).stream().map(RerankResult::index).toList();
  }

  private static String modelOf(MixserveClient client, Target target) {
    var models = client.models(target);
    return models.size() == 1 ? models.getFirst().id() : String.valueOf(target.model());
  }
}
