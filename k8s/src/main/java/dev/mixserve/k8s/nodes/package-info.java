/**
 * GPU nodes from the cluster: what Kubernetes Nodes tell about their GPUs (device plugin resources,
 * NVIDIA GPU feature discovery, AMD's node labeller, Intel's GPU plugin and NFD rules, Node Feature
 * Discovery's PCI labels), merged into the config's nodes as {@code plan --detect} merges the local
 * machine: the cluster's facts win where it states them, the config fills in the rest, and every
 * disagreement becomes a finding for the operator's status. Pure functions of their inputs: the
 * operator watches Nodes and calls {@link dev.mixserve.k8s.nodes.ClusterNodes#merge} again when one
 * changes.
 */
package dev.mixserve.k8s.nodes;
