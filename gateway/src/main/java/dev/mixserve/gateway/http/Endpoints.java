package dev.mixserve.gateway.http;

import dev.mixserve.api.Task;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Which protocol paths each task answers. New tasks add their endpoints here. */
public final class Endpoints {
  private final Map<Task, List<Endpoint>> byTask;

  /** The endpoints of each task; the protocols give them (see Protocols), this table knows none. */
  public Endpoints(java.util.function.Function<Task, List<Endpoint>> forTask) {
    var m = new EnumMap<Task, List<Endpoint>>(Task.class);
    for (Task t : Task.values()) {
      m.put(t, List.copyOf(forTask.apply(t)));
    }
    this.byTask = m;
  }

  List<Endpoint> forTask(Task task) {
    return byTask.get(task);
  }

  /** The endpoint for this method and path, if the task has one. */
  public Optional<Endpoint> find(Task task, String method, String path) {
    return forTask(task).stream()
        .filter(e -> e.path().equals(path) && e.method().equals(method))
        .findFirst();
  }

  /** Methods the task answers on this path, for 405 and its Allow header. */
  public Set<String> methods(Task task, String path) {
    var out = new TreeSet<String>();
    forTask(task).stream().filter(e -> e.path().equals(path)).forEach(e -> out.add(e.method()));
    return out;
  }

  /** Tasks whose endpoint with this path also works at the root. */
  public Set<Task> rootTasks(String path) {
    var out = new java.util.HashSet<Task>();
    for (Task t : Task.values()) {
      if (forTask(t).stream().anyMatch(e -> e.root() && e.path().equals(path))) {
        out.add(t);
      }
    }
    return out;
  }

  public List<String> paths(Task task) {
    return forTask(task).stream().map(e -> e.method() + " " + e.path()).toList();
  }
}
