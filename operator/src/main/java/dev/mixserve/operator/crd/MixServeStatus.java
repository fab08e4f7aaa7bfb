package dev.mixserve.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the operator last saw of a {@code MixServe}.
 *
 * @param observedGeneration the spec generation this status describes
 * @param endpoint the one endpoint's URL inside the cluster
 * @param deploymentsReady "ready/total": deployments whose every replica runs on a ready pod
 * @param conditions Ready, Progressing, Degraded, PlacementFailed
 * @param deployments per deployment of the spec: where the plan put it and how much of it is ready
 * @param aliases the alias Services it made (NAME.NAMESPACE), which deletion removes
 * @param findings where the cluster's Nodes disagree with the spec's nodes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MixServeStatus(
    Long observedGeneration,
    String endpoint,
    @JsonPropertyDescription("deployments with every replica ready / deployments in the spec")
        String deploymentsReady,
    List<Condition> conditions,
    List<DeploymentStatus> deployments,
    List<String> aliases,
    List<Finding> findings) {}
