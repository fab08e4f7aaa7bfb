/**
 * What every endpoint is written against: the {@link dev.mixserve.gateway.http.Call} (one request,
 * its body under budget, its answer), the route table, endpoint lists, and the byte-level pieces
 * (multipart, SSE, canonical targets) that the protocols share.
 */
package dev.mixserve.gateway.http;
