/**
 * The {@code MixServe} custom resource: its spec is a mixserve config file ({@code server}, {@code
 * nodes}, {@code deployments}, same keys, same meaning) plus what only Kubernetes needs ({@code
 * image}, {@code dra}); its status is what the operator saw. The CRD's schema is generated from
 * these classes at build time. The classes check nothing themselves: a spec that is not a valid
 * config must reach the reconciler and become a condition, not fail the informer that reads it.
 */
package dev.mixserve.operator.crd;
