package dev.mixserve.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a Node of the cluster and the spec's node disagree, and what the plan did about it.
 *
 * @param node the spec's node, or the Node's name for one the spec does not declare
 * @param reason GpuMismatch, NodeNotFound, NodeNotDeclared, GpuFactsMissing, NodeLabelMissing or
 *     MemoryEstimated
 * @param message e.g. "nvidia sm_86 #0: declared 8 GiB, detected 12 GiB; using detected"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String node, String reason, String message) {}
