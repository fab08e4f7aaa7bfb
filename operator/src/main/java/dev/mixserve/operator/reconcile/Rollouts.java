package dev.mixserve.operator.reconcile;

import dev.mixserve.config.ConfigException;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.k8s.ClusterManifests;
import dev.mixserve.scheduler.Plan;
import dev.mixserve.scheduler.ScheduleOptions;
import dev.mixserve.scheduler.Scheduler;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a worker whose pod changes gets its new one. A worker holds its node's GPUs, so the new pod
 * can start beside the old one only where it can have them too: no GPU at all, or DRA claims that
 * both pods share (a device plugin gives a device to one pod only) on GPUs with room for the old
 * plan's shares and the new plan's. Then the old pod serves until the new one is ready (a surge of
 * one, none unavailable). Elsewhere the old pod goes first (render's Recreate: it drains its
 * streams within its grace period) and the new one loads in its place.
 *
 * <p>Decided once, when the pod template changes; later passes keep what is running, so that a
 * rollout in progress is never switched to the other kind.
 */
final class Rollouts {
  static final String SIDE_BY_SIDE = "RollingUpdate";
  private static final String NODE = "mixserve.dev/node";

  private final KubernetesClient client;

  Rollouts(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Sets the strategy of each worker Deployment in {@code rendered} that already runs. */
  void choose(ClusterManifests.Rendered rendered, boolean dra) {
    Optional<Plan> before = Optional.empty();
    for (HasMetadata o : rendered.objects()) {
      if (o instanceof Deployment next && worker(next) != null) {
        Deployment live = client.resource(next).get();
        if (live == null) {
          continue;
        }
        if (sameTemplate(live, next)) {
          next.getSpec().setStrategy(live.getSpec().getStrategy());
        } else {
          if (before.isEmpty()) {
            before = livePlan(rendered.objects());
          }
          boolean room =
              before.map(b -> Room.forBoth(b, rendered.plan(), worker(next))).orElse(false);
          if (gpus(next) == 0 || (dra && room)) {
            next.getSpec().setStrategy(sideBySide());
          }
        }
      }
    }
  }

  static DeploymentStrategy sideBySide() {
    return new DeploymentStrategyBuilder()
        .withType(SIDE_BY_SIDE)
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .build();
  }

  /** The plan of the config the pods run now, from the ConfigMap the last pass wrote. */
  private Optional<Plan> livePlan(List<HasMetadata> objects) {
    var rendered = objects.stream().filter(ConfigMap.class::isInstance).findFirst();
    var live = rendered.map(m -> (ConfigMap) client.resource(m).get());
    String text = live.flatMap(m -> m.getData().values().stream().findFirst()).orElse(null);
    if (text == null) {
      return Optional.empty();
    }
    try {
      var config = ConfigLoader.parse(text, "live");
      return Optional.of(
          Scheduler.plan(config.nodes(), config.deployments(), List.of(), ScheduleOptions.DEFAULT));
    } catch (ConfigException | IllegalArgumentException e) {
      return Optional.empty(); // written by another version: no room assumed, the safe way
    }
  }

  private boolean sameTemplate(Deployment live, Deployment next) {
    var json = client.getKubernetesSerialization();
    return Subset.contains(
        json.convertValue(live.getSpec().getTemplate(), Map.class),
        json.convertValue(next.getSpec().getTemplate(), Map.class));
  }

  private static String worker(Deployment d) {
    var labels = d.getMetadata().getLabels();
    return labels == null ? null : labels.get(NODE);
  }

  /** GPUs the pod asks for: device plugin resources or DRA claims. */
  private static int gpus(Deployment d) {
    var pod = d.getSpec().getTemplate().getSpec();
    var limits = pod.getContainers().getFirst().getResources().getLimits();
    long plugin =
        limits == null
            ? 0
            : limits.keySet().stream().filter(k -> !k.equals("cpu") && !k.equals("memory")).count();
    return (int) plugin + pod.getResourceClaims().size();
  }
}
