package dev.mixserve.gateway.openai;

import dev.mixserve.api.engine.EmbeddingEngine;
import dev.mixserve.api.engine.EmbeddingEngine.Input;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.Endpoint;
import dev.mixserve.protocol.openai.EmbeddingsRequest;
import dev.mixserve.protocol.openai.EmbeddingsResponse;
import java.util.List;

/** OpenAI POST /v1/embeddings on an embedding deployment. */
public final class EmbeddingEndpoints {
  private EmbeddingEndpoints() {}

  public static List<Endpoint> all() {
    return List.of(Endpoint.post("/v1/embeddings", EmbeddingEndpoints::embeddings));
  }

  private static void embeddings(Call call, DeploymentRuntime rt) {
    var req = EmbeddingsRequest.parse(call.json());
    var engine = (EmbeddingEngine) rt.engine();
    req.dimensions()
        .filter(d -> d != engine.dimensions())
        .ifPresent(
            d -> {
              throw ServeException.invalid(
                  "dimensions",
                  "model "
                      + rt.deployment().name()
                      + " makes "
                      + engine.dimensions()
                      + "-dimensional vectors and cannot shorten them; omit 'dimensions' or send "
                      + engine.dimensions());
            });
    if (!engine.acceptsTokens() && req.inputs().stream().anyMatch(i -> i instanceof Input.Tokens)) {
      throw ServeException.invalid("input", "this model accepts text inputs only, not token ids");
    }
    var vectors = rt.embed(req.inputs(), call.deadline(rt.deployment().limits().timeout()));
    call.sendJson(
        200,
        EmbeddingsResponse.write(
            req.model().orElse(rt.deployment().name()), vectors, req.base64()));
  }
}
