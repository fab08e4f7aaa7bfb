package dev.mixserve.gateway.kserve;

import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.http.RouteTable;
import dev.mixserve.protocol.kserve.KServeJson;
import io.helidon.http.HeaderNames;

/**
 * {@code GET /v1/models/{id}}: OpenAI's "retrieve model", which KServe V1 also uses for a model's
 * status. One answer serves both (OpenAI's model object with KServe's {@code name} and {@code
 * ready}), and errors are OpenAI's, since the SDKs read their {@code type} and {@code code}. An id
 * may hold slashes ({@code BAAI/bge-small-en-v1.5}, raw or as {@code %2F}): everything after {@code
 * /v1/models/} is the id, so only {@code :predict} (a POST) is left to KServe.
 */
public final class ModelRetrieve {
  private static final String PREFIX = "/v1/models/";
  private static final long CREATED = System.currentTimeMillis() / 1000;

  private ModelRetrieve() {}

  /** Whether the path is a model retrieval rather than a KServe predict. */
  public static boolean matches(String path) {
    return path.startsWith(PREFIX) && path.length() > PREFIX.length() && !path.endsWith(":predict");
  }

  /**
   * Serves the call if its path is a model retrieval.
   *
   * @param scoped the deployment the call was routed to by prefix or alias, or null at the root
   */
  public static boolean handle(Call call, RouteTable table, DeploymentRuntime scoped) {
    if (!matches(call.path())) {
      return false;
    }
    if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
      call.response().header(HeaderNames.ALLOW, "GET");
      throw ServeException.methodNotAllowed(
          call.method() + " is not allowed on " + call.path() + "; use GET");
    }
    String id = call.path().substring(PREFIX.length());
    DeploymentRuntime rt =
        scoped != null
            ? (RouteTable.answersTo(scoped, id) ? scoped : null)
            : table.all().stream()
                .filter(r -> RouteTable.answersTo(r, id))
                .findFirst()
                .orElse(null);
    if (rt == null) {
      throw ServeException.modelNotFound(id);
    }
    if (scoped == null) {
      call.bind(rt, call.path());
    }
    boolean ready = KServeTasks.ready(rt);
    call.sendJson(200, KServeJson.modelStatus(id, rt.deployment().name(), ready, CREATED));
    return true;
  }
}
