package dev.mixserve.gateway.kserve;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A KServe V1 or V2 path taken apart.
 *
 * @param model the model name in the path, or null for server-level paths
 * @param action one of: server, live, ready (server), metadata, model-ready, infer, predict
 */
public record KServePath(int protocol, String model, String action) {
  private static final Pattern V2_MODEL =
      Pattern.compile("/v2/models/([^/]+)(?:/versions/([^/]+))?(/ready|/infer)?");
  // GET /v1/models/{id} is OpenAI's retrieve as well: ModelRetrieve answers it, ids with '/' too.
  private static final Pattern V1_MODEL = Pattern.compile("/v1/models/(.+):predict");

  static Optional<KServePath> parse(String path) {
    switch (path) {
      case "/v2", "/v2/" -> {
        return Optional.of(new KServePath(2, null, "server"));
      }
      case "/v2/health/live" -> {
        return Optional.of(new KServePath(2, null, "live"));
      }
      case "/v2/health/ready" -> {
        return Optional.of(new KServePath(2, null, "ready"));
      }
      default -> {}
    }
    var m2 = V2_MODEL.matcher(path);
    if (m2.matches()) {
      String suffix = m2.group(3);
      String action =
          suffix == null ? "metadata" : suffix.equals("/ready") ? "model-ready" : "infer";
      return Optional.of(new KServePath(2, m2.group(1), action));
    }
    var m1 = V1_MODEL.matcher(path);
    if (m1.matches()) {
      return Optional.of(new KServePath(1, m1.group(1), "predict"));
    }
    return Optional.empty();
  }

  String method() {
    return action.equals("infer") || action.equals("predict") ? "POST" : "GET";
  }
}
