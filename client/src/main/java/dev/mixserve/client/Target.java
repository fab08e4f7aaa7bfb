package dev.mixserve.client;

import java.util.Optional;

/**
 * Which deployment a call goes to. mixserve answers each protocol path under a deployment's route
 * ({@code /embeddings/v1/embeddings}) and at the root with the deployment chosen by {@code model}
 * ({@code /v1/embeddings} with {@code "model": "embeddings"}); a target may give either or both.
 *
 * @param route a route prefix such as {@code /llm}, or empty for the root
 * @param model the model name sent in the body, or null to let the route decide
 */
public record Target(String route, String model) {
  public Target {
    route = route == null ? "" : route;
    if (!route.isEmpty() && (!route.startsWith("/") || route.endsWith("/"))) {
      throw new IllegalArgumentException(
          "a route starts with '/' and does not end with one, e.g. /llm; got '" + route + "'");
    }
    if (model != null && model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
  }

  /** The root, with the server's default for the task. */
  public static Target root() {
    return new Target("", null);
  }

  /** A deployment by its route prefix, e.g. {@code /embeddings}. */
  public static Target route(String route) {
    return new Target(route, null);
  }

  /** A deployment by model name, through the root paths. */
  public static Target model(String model) {
    return new Target("", model);
  }

  public Target withModel(String m) {
    return new Target(route, m);
  }

  public Optional<String> optModel() {
    return Optional.ofNullable(model);
  }

  String path(String protocolPath) {
    return route + protocolPath;
  }

  @Override
  public String toString() {
    return (route.isEmpty() ? "/" : route) + (model == null ? "" : " (model " + model + ")");
  }
}
