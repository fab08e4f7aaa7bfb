package dev.mixserve.controller;

import java.net.URI;

/**
 * One replica as the status API shows it.
 *
 * @param endpoint its base URL, or null before it started
 * @param restarts starts after the first
 * @param lastError why it last failed, or empty
 * @param inFlight calls the gateway has on it now
 */
public record ReplicaView(
    String id,
    String deployment,
    ReplicaState state,
    URI endpoint,
    int restarts,
    String lastError,
    int inFlight) {}
