package dev.mixserve.k8s;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.MixserveConfig;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Plan;
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
      MixserveConfig config, Plan plan, RenderOptions options) {
    long memory = memory(config, plan);
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
   * mixserve serve} does on one machine, and needs their memory too; so do the replicas the plan
   * puts on a local node.
   */
  static long memory(MixserveConfig config, Plan plan) {
    long sum = MEMORY;
    if (config.nodes().isEmpty()) {
      for (Deployment d : config.deployments()) {
        sum += d.replicas() * replica(d, 0);
      }
      return sum;
    }
    for (Assignment a : plan.assignments()) {
      var node = config.nodes().stream().filter(n -> n.name().equals(a.node())).findFirst();
      if (node.isPresent() && Names.isLocal(node.get())) {
        sum += replica(config.deployment(a.deployment()).orElseThrow(), a.memoryBytes());
      }
    }
    return sum;
  }

  private static long replica(Deployment d, long gpuBudget) {
    return Math.max(Math.max(d.resources().memoryBytes(), gpuBudget), REPLICA_DEFAULT);
  }
}
