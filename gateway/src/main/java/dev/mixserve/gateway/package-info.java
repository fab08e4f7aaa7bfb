/**
 * The gateway: one endpoint that serves every deployment. Read a request top-down: {@link
 * dev.mixserve.gateway.front} (the public port: edge limits, the one parser, direct forwarding to
 * replicas outside this JVM) → {@link dev.mixserve.gateway.Gateway}'s {@code Handler} (one {@link
 * dev.mixserve.gateway.http.RouteTable} snapshot per request picks the deployment and its {@link
 * dev.mixserve.gateway.http.Endpoint}) → a protocol package ({@code openai}, {@code rerank}, {@code
 * kserve}, {@code audio}, {@code voice}, {@code admin}) → the engine in this JVM, or {@link
 * dev.mixserve.gateway.upstream} to a replica elsewhere. {@link
 * dev.mixserve.gateway.MixserveServer} assembles it; {@link dev.mixserve.gateway.Reloader} swaps
 * the table when the config changes.
 *
 * <p>Arrows run one way: this package → protocols → {@code front} → {@code upstream} → {@code http}
 * → {@code cluster}; {@link dev.mixserve.gateway.auth} (who may call what) is below them all and
 * imports none, so that the front door and the handler ask it the same question.
 */
package dev.mixserve.gateway;
