package dev.mixserve.gateway;

import dev.mixserve.api.Task;
import dev.mixserve.gateway.admin.AdminEndpoints;
import dev.mixserve.gateway.audio.AudioEndpoints;
import dev.mixserve.gateway.audio.AudioMetrics;
import dev.mixserve.gateway.http.Endpoint;
import dev.mixserve.gateway.http.Endpoints;
import dev.mixserve.gateway.openai.ChatEndpoints;
import dev.mixserve.gateway.openai.EmbeddingEndpoints;
import dev.mixserve.gateway.rerank.RerankEndpoints;
import java.util.ArrayList;
import java.util.List;

/**
 * Which protocol serves which task: the one place that names every protocol's endpoints, above them
 * all, so that the route table below them knows none.
 */
public final class Protocols {
  private Protocols() {}

  static Endpoints endpoints(AudioMetrics audio) {
    return new Endpoints(task -> forTask(task, audio));
  }

  private static List<Endpoint> forTask(Task task, AudioMetrics audio) {
    var out = new ArrayList<Endpoint>();
    out.add(Endpoint.get("/v1/models", AdminEndpoints::deploymentModels));
    out.addAll(
        switch (task) {
          case EMBEDDING -> EmbeddingEndpoints.all();
          case RERANK -> RerankEndpoints.all();
          case CHAT -> ChatEndpoints.all();
          case TRANSCRIPTION -> AudioEndpoints.transcription(audio);
          case SPEECH -> AudioEndpoints.speech(audio);
        });
    return out;
  }
}
