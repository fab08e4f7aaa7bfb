/**
 * Who may call what: API keys (held as SHA-256 hashes), their scopes, the admin plane and each
 * key's limits, decided by one pure check that the front door and the handler both ask, so that the
 * same request gets the same answer whichever way it goes. It reads nothing of HTTP but header
 * values and a canonical path, and imports nothing of the gateway above it.
 */
package dev.mixserve.gateway.auth;
