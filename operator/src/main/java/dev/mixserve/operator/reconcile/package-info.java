/**
 * From a {@code MixServe} to the cluster: its spec becomes config text, the text is loaded as any
 * config file is, planned, and rendered by {@code ClusterManifests} (what {@code render k8s}
 * prints), and the objects are written with owner references; a worker whose pod changes rolls side
 * by side where its GPUs have room for both pods, and swaps where they have not. Objects that no
 * owner reference can reach (the aliases in the alias namespace, the cluster-wide RBAC) are deleted
 * by the finalizer.
 */
package dev.mixserve.operator.reconcile;
