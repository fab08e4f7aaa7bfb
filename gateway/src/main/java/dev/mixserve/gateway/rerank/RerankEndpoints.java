package dev.mixserve.gateway.rerank;

import dev.mixserve.api.engine.RerankEngine.Pair;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.Endpoint;
import dev.mixserve.protocol.rerank.RerankRequest;
import dev.mixserve.protocol.rerank.RerankResponse;
import dev.mixserve.protocol.rerank.RerankShape;
import java.util.Arrays;
import java.util.List;

/** Jina/Cohere v1, Cohere v2 and TEI rerank, all on one deployment. */
public final class RerankEndpoints {
  private RerankEndpoints() {}

  public static List<Endpoint> all() {
    return Arrays.stream(RerankShape.values())
        .map(shape -> Endpoint.post(shape.path(), (call, rt) -> rerank(call, rt, shape)))
        .toList();
  }

  private static void rerank(Call call, DeploymentRuntime rt, RerankShape shape) {
    var req = RerankRequest.parse(call.json(), shape);
    rt.engine(); // 503 before any work when the engine is not ready
    var pairs = req.documents().stream().map(d -> new Pair(req.query(), d)).toList();
    var scores = rt.rerank(pairs, call.deadline(rt.deployment().limits().timeout()));
    call.sendJson(
        200, RerankResponse.write(req, req.model().orElse(rt.deployment().name()), scores));
  }
}
