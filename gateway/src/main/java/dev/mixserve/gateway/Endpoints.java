package dev.mixserve.gateway;

import dev.mixserve.api.Task;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Which protocol paths each task answers. New tasks add their endpoints here. */
final class Endpoints {
  private Endpoints() {}

  private static final Map<Task, List<Endpoint>> BY_TASK = new EnumMap<>(Task.class);

  static {
    for (Task t : Task.values()) {
      BY_TASK.put(t, build(t));
    }
  }

  static List<Endpoint> forTask(Task task) {
    return BY_TASK.get(task);
  }

  private static List<Endpoint> build(Task task) {
    var out = new ArrayList<Endpoint>();
    out.add(Endpoint.get("/v1/models", AdminEndpoints::deploymentModels));
    out.addAll(
        switch (task) {
          case EMBEDDING -> EmbeddingEndpoints.all();
          case RERANK -> RerankEndpoints.all();
          case CHAT -> ChatEndpoints.all();
          case TRANSCRIPTION -> AudioEndpoints.transcription();
          case SPEECH -> AudioEndpoints.speech();
        });
    return List.copyOf(out);
  }

  /** The endpoint for this method and path, if the task has one. */
  static Optional<Endpoint> find(Task task, String method, String path) {
    return forTask(task).stream()
        .filter(e -> e.path().equals(path) && e.method().equals(method))
        .findFirst();
  }

  /** Methods the task answers on this path, for 405 and its Allow header. */
  static Set<String> methods(Task task, String path) {
    var out = new TreeSet<String>();
    forTask(task).stream().filter(e -> e.path().equals(path)).forEach(e -> out.add(e.method()));
    return out;
  }

  /** Tasks whose endpoint with this path also works at the root. */
  static Set<Task> rootTasks(String path) {
    var out = new java.util.HashSet<Task>();
    for (Task t : Task.values()) {
      if (forTask(t).stream().anyMatch(e -> e.root() && e.path().equals(path))) {
        out.add(t);
      }
    }
    return out;
  }

  static List<String> paths(Task task) {
    return forTask(task).stream().map(e -> e.method() + " " + e.path()).toList();
  }
}
