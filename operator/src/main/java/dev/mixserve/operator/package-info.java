/**
 * {@code mixserve operator}: java-operator-sdk running the {@code MixServe} reconciler, with leader
 * election, its own health and metrics endpoints, and the manifests that install it.
 */
package dev.mixserve.operator;
