package dev.mixserve.gateway.http;

import dev.mixserve.core.runtime.DeploymentRuntime;

/**
 * One protocol path a deployment answers, e.g. POST /v1/embeddings.
 *
 * @param admitted whether the request takes a slot of the deployment (inference does, metadata does
 *     not)
 * @param root whether the same path also works at the root, with the deployment chosen by model
 */
public record Endpoint(
    String method, String path, boolean admitted, boolean root, Handler handler) {
  /** Serves one call on one deployment. */
  @FunctionalInterface
  public interface Handler {
    void handle(Call call, DeploymentRuntime runtime);
  }

  public static Endpoint post(String path, Handler h) {
    return new Endpoint("POST", path, true, true, h);
  }

  public static Endpoint get(String path, Handler h) {
    return new Endpoint("GET", path, false, false, h);
  }
}
