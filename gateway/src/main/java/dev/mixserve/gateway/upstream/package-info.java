/**
 * The pooled HTTP/1.1 client to replicas outside this JVM (child engines, workers), and the choice
 * of replica, retry and admission for a deployment.
 */
package dev.mixserve.gateway.upstream;
