package dev.mixserve.gateway.auth;

import dev.mixserve.api.ApiKey;

/**
 * One key as the server holds it now: its record, its hash as bytes, and its limiter, which a new
 * keyring keeps for the same hash so that a reload forgives nobody's usage and drops nobody's open
 * requests.
 */
record Holder(ApiKey key, byte[] hash, Limiter limiter) {}
