package dev.mixserve.operator.status;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.k8s.nodes.NodeFinding;
import dev.mixserve.scheduler.Plan;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one reconcile of a valid spec knows.
 *
 * @param config the spec as a config
 * @param plan where its replicas go
 * @param workerNodes the nodes that got a worker; a replica on any other node is the head's own
 * @param findings the node inventory's disagreements with the spec
 * @param workloads the head's and workers' Deployments as the cluster last reported them
 * @param aliases the alias Services, NAME.NAMESPACE
 * @param written the objects this pass created, changed or deleted
 * @param strategies each Deployment's rollout strategy type, by name, as written
 */
public record Observed(
    MixserveConfig config,
    Plan plan,
    Set<String> workerNodes,
    List<NodeFinding> findings,
    List<Deployment> workloads,
    List<String> aliases,
    List<String> written,
    Map<String, String> strategies) {
  public Observed {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(plan, "plan");
    workerNodes = Set.copyOf(workerNodes);
    findings = List.copyOf(findings);
    workloads = List.copyOf(workloads);
    aliases = List.copyOf(aliases);
    written = List.copyOf(written);
    strategies = Map.copyOf(strategies);
  }
}
