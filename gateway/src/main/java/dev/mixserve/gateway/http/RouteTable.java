package dev.mixserve.gateway.http;

import dev.mixserve.api.Server;
import dev.mixserve.api.Task;
import dev.mixserve.api.error.ServeException;
import dev.mixserve.core.runtime.DeploymentRuntime;
import dev.mixserve.gateway.cluster.ClusterView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of what is routed where: path prefixes (longest first, on segment
 * boundaries), Host aliases and model names.
 */
public final class RouteTable {
  /** A deployment and the path left after its prefix, e.g. "/v1/embeddings". */
  public record Target(DeploymentRuntime runtime, String rest) {}

  private final List<DeploymentRuntime> byPrefix;
  private final Map<String, DeploymentRuntime> byAlias = new HashMap<>();
  private final Map<String, List<String>> aliases = new HashMap<>();
  private final long version;
  private final ClusterView cluster;

  public RouteTable(List<DeploymentRuntime> runtimes, Server server, long version) {
    this(runtimes, server, version, null);
  }

  /**
   * @param cluster the placement of these deployments, or null when none was computed
   */
  public RouteTable(
      List<DeploymentRuntime> runtimes, Server server, long version, ClusterView cluster) {
    this.version = version;
    this.cluster = cluster;
    this.byPrefix =
        runtimes.stream()
            .sorted(
                Comparator.comparingInt((DeploymentRuntime r) -> -r.deployment().route().length()))
            .toList();
    for (DeploymentRuntime r : runtimes) {
      var names = new LinkedHashSet<String>();
      if (server.defaultAliases()) {
        names.add(r.deployment().name() + "-predictor." + server.aliasNamespace());
      }
      r.deployment().aliases().forEach(a -> names.add(normalizeHost(a)));
      names.forEach(n -> byAlias.put(n, r));
      aliases.put(r.deployment().name(), List.copyOf(names));
    }
  }

  public long version() {
    return version;
  }

  public java.util.Optional<ClusterView> cluster() {
    return java.util.Optional.ofNullable(cluster);
  }

  public List<DeploymentRuntime> all() {
    return byPrefix;
  }

  public List<String> aliases(DeploymentRuntime r) {
    return aliases.getOrDefault(r.deployment().name(), List.of());
  }

  /** Host alias first (an unknown host falls back to the path), then the longest path prefix. */
  public Optional<Target> resolve(String authority, String path) {
    DeploymentRuntime aliased = authority == null ? null : byAlias.get(normalizeHost(authority));
    if (aliased != null) {
      String rest = stripPrefix(path, aliased.deployment().route());
      return Optional.of(new Target(aliased, rest == null ? path : rest));
    }
    for (DeploymentRuntime r : byPrefix) {
      String rest = stripPrefix(path, r.deployment().route());
      if (rest != null) {
        return Optional.of(new Target(r, rest));
      }
    }
    return Optional.empty();
  }

  /**
   * The deployment a root-level request names in "model": its name, its engine's model id or one of
   * its model_names. Without a model, the only deployment of the task.
   */
  public DeploymentRuntime byModel(Set<Task> tasks, Optional<String> model) {
    var candidates = byPrefix.stream().filter(r -> tasks.contains(r.deployment().task())).toList();
    if (model.isEmpty()) {
      if (candidates.size() == 1) {
        return candidates.getFirst();
      }
      throw ServeException.invalid(
          "model",
          candidates.isEmpty()
              ? "no deployment serves this task"
              : "'model' is required: one of " + names(candidates));
    }
    String m = model.get();
    for (DeploymentRuntime r : candidates) {
      if (answersTo(r, m)) {
        return r;
      }
    }
    boolean elsewhere = byPrefix.stream().anyMatch(r -> answersTo(r, m));
    if (elsewhere) {
      throw ServeException.invalid(
          "model",
          "model '" + m + "' does not serve this endpoint; models here: " + names(candidates));
    }
    throw ServeException.modelNotFound(m);
  }

  public static boolean answersTo(DeploymentRuntime r, String model) {
    var d = r.deployment();
    if (d.name().equals(model) || d.modelNames().contains(model)) {
      return true;
    }
    return d.engine().model().equals(model)
        || d.engine().model().replaceFirst("^builtin:", "").equals(model);
  }

  private static List<String> names(List<DeploymentRuntime> rs) {
    var out = new ArrayList<String>();
    rs.forEach(r -> out.add(r.deployment().name()));
    return out;
  }

  /** "/embeddings" matches "/embeddings" and "/embeddings/v1/x", never "/embeddingsx". */
  static String stripPrefix(String path, String prefix) {
    if (!path.startsWith(prefix)) {
      return null;
    }
    if (path.length() == prefix.length()) {
      return "/";
    }
    return path.charAt(prefix.length()) == '/' ? path.substring(prefix.length()) : null;
  }

  /**
   * Lowercase, without port and without the cluster suffixes, so that "x-predictor.ai-ml",
   * "x-predictor.ai-ml.svc" and "x-predictor.ai-ml.svc.cluster.local:8000" are one name.
   */
  static String normalizeHost(String authority) {
    String h = authority.toLowerCase(Locale.ROOT).trim();
    if (h.startsWith("[")) {
      return h; // IPv6 literal: never an alias
    }
    int colon = h.lastIndexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    for (String suffix : List.of(".svc.cluster.local", ".svc")) {
      if (h.endsWith(suffix)) {
        return h.substring(0, h.length() - suffix.length());
      }
    }
    return h;
  }
}
