/**
 * A {@code MixServe}'s status from the plan and from what the cluster reports: where each replica
 * went, which are ready (by their pods' Deployments), and the conditions Ready, Progressing,
 * Degraded and PlacementFailed.
 */
package dev.mixserve.operator.status;
