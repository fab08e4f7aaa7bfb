/** Where a head finds its workers on Kubernetes: an informer on their EndpointSlices. */
package dev.mixserve.k8s.discovery;
