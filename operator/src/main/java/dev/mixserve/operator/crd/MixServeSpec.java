package dev.mixserve.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * A mixserve config and where to run it. {@code server}, {@code nodes} and {@code deployments} take
 * the config file's keys (snake_case, as in the file: a config pasted under {@code spec:} means the
 * same); {@code image} and {@code dra} are what {@code render k8s} takes as options. The alias
 * namespace is the config's own {@code server.alias_namespace}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MixServeSpec(
    @JsonPropertyDescription("The image every pod runs; default: the operator's own build's.")
        String image,
    @JsonPropertyDescription(
            "One resource.k8s.io/v1 ResourceClaim per GPU instead of the device plugins' extended"
                + " resources.")
        Boolean dra,
    ServerSpec server,
    List<NodeSpec> nodes,
    List<DeploymentSpec> deployments) {}
