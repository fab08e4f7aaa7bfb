/**
 * The front door: event loops that own the public port, read every request under the edge limits by
 * one strict grammar, forward plain requests to replicas outside this JVM themselves, and hand the
 * rest, re-written, to the handler on loopback.
 */
package dev.mixserve.gateway.front;
