package dev.mixserve.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The head's and the workers' Deployments as the cluster reports them, found by the labels {@code
 * render k8s} gives them.
 */
record Workloads(List<Deployment> deployments) {
  private static final String COMPONENT = "app.kubernetes.io/component";
  private static final String NODE = "mixserve.dev/node";

  Workloads {
    deployments = List.copyOf(deployments);
  }

  boolean headReady() {
    return find(Map.of(COMPONENT, "head")).map(Workloads::serving).orElse(false);
  }

  boolean workerReady(String node) {
    return find(Map.of(COMPONENT, "worker", NODE, node)).map(Workloads::serving).orElse(false);
  }

  /** Names of the Deployments still rolling out: not every replica updated, ready and current. */
  List<String> rollingOut() {
    return deployments.stream()
        .filter(d -> !ready(d) && !stalled(d))
        .map(d -> d.getMetadata().getName())
        .sorted()
        .toList();
  }

  /** Names of the Deployments Kubernetes gave up on (progress deadline exceeded). */
  List<String> stalled() {
    return deployments.stream()
        .filter(Workloads::stalled)
        .map(d -> d.getMetadata().getName())
        .sorted()
        .toList();
  }

  private Optional<Deployment> find(Map<String, String> labels) {
    return deployments.stream()
        .filter(d -> d.getMetadata().getLabels().entrySet().containsAll(labels.entrySet()))
        .findFirst();
  }

  /**
   * Pods ready to answer, of the old spec or the new: what keeps the endpoint up while a rollout
   * runs beside it. A Recreate rollout has none until its new pod is ready.
   */
  static boolean serving(Deployment d) {
    var s = d.getStatus();
    return s != null && count(s.getReadyReplicas()) >= wanted(d);
  }

  private static int wanted(Deployment d) {
    return d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  /**
   * Ready for its current spec: the controller has seen the latest generation and every replica is
   * updated and ready. A Recreate rollout's old pod does not count for the new spec.
   */
  static boolean ready(Deployment d) {
    var s = d.getStatus();
    if (s == null) {
      return false;
    }
    int want = wanted(d);
    Long seen = s.getObservedGeneration();
    Long generation = d.getMetadata().getGeneration();
    boolean current = seen == null || generation == null || seen >= generation;
    int updated = count(s.getUpdatedReplicas());
    boolean oldGone = count(s.getReplicas()) <= updated; // a surge's old pod still counts here
    return current && oldGone && count(s.getReadyReplicas()) >= want && updated >= want;
  }

  private static boolean stalled(Deployment d) {
    return d.getStatus() != null
        && d.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    "Progressing".equals(c.getType())
                        && "ProgressDeadlineExceeded".equals(c.getReason()));
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }
}
