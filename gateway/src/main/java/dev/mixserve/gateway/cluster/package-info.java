/**
 * This process in a cluster: head or worker, the plan every process derives from the one config,
 * which workers are down, and a worker following its head. Knows nothing of HTTP.
 */
package dev.mixserve.gateway.cluster;
