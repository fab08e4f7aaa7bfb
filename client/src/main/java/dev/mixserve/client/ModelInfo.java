package dev.mixserve.client;

import java.util.Objects;

/**
 * One entry of {@code GET /v1/models}: a deployment the server knows.
 *
 * @param id the name to send as {@code model}
 * @param task chat, transcription, speech, embedding or rerank
 * @param route the deployment's route prefix, e.g. {@code /llm}
 * @param ready whether it serves requests now
 */
public record ModelInfo(String id, String task, String route, boolean ready) {
  public ModelInfo {
    Objects.requireNonNull(id, "id");
    task = task == null ? "" : task;
    route = route == null ? "" : route;
  }
}
