package dev.mixserve.k8s;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;

/** The head: routes every request of the one endpoint to the workers' replicas. */
final class HeadObjects {
  /** The head serves no model itself when every node has a worker: a router's heap is enough. */
  static final long MEMORY = 1L << 30;

  /** What an in-JVM replica that declares no memory budget is given (BGE-small, FreeTTS, ...). */
  static final long REPLICA_DEFAULT = 1L << 30;

  static final int MILLI_CPU = 500;

  private HeadObjects() {}

  /**
   * One replica, rolled with a surge so the endpoint keeps a ready head during an update; the
   * ServiceAccount gives it read access for discovery.
   */
  static io.fabric8.kubernetes.api.model.apps.Deployment deployment(
      MixserveConfig config, RenderOptions options) {
    long memory = memory(config);
    var resources =
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", Pods.milliCpu(MILLI_CPU))
            .addToRequests("memory", Pods.bytes(memory))
            .addToLimits("memory", Pods.bytes(memory))
            .build();
    var container =
        Pods.container(
            options.image(), List.of("serve", "--config", Names.CONFIG_PATH), resources, MEMORY);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(Names.HEAD)
        .withNamespace(options.namespace())
        .withLabels(Names.common("head"))
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(Names.head())
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Names.head())
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(Names.SERVICE_ACCOUNT)
        .withSecurityContext(Pods.security())
        .withTerminationGracePeriodSeconds(30L)
        .withContainers(container)
        .withVolumes(Pods.volumes())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * A config without nodes has no workers: the head serves every replica in its own JVM, as {@code
   * mixserve serve} does on one machine, and needs their memory too.
   */
  static long memory(MixserveConfig config) {
    if (!config.nodes().isEmpty()) {
      return MEMORY;
    }
    long sum = MEMORY;
    for (Deployment d : config.deployments()) {
      sum += d.replicas() * Math.max(d.resources().memoryBytes(), REPLICA_DEFAULT);
    }
    return sum;
  }
}
