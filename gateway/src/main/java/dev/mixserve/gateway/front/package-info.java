/**
 * The front door: event loops that own the public port, read every request under the edge limits by
 * one strict grammar, forward plain requests to replicas outside this JVM themselves, and hand the
 * rest, re-written, to the handler on loopback.
 *
 * <p>A request's path: {@link dev.mixserve.gateway.front.FrontLoop} → its connection's {@link
 * dev.mixserve.gateway.front.FrontClient} → {@code FrontReader} (the head by {@code FrontGrammar},
 * its checks in {@code FrontChecks}) → {@code FrontDispatch} ({@link
 * dev.mixserve.gateway.front.FrontRoute}: direct, with the key checked as the handler checks it, or
 * the handler) → {@link dev.mixserve.gateway.front.FrontExchange} (the request out, the {@link
 * dev.mixserve.gateway.front.FrontAnswer} back) → {@code FrontOutput} to the client.
 */
package dev.mixserve.gateway.front;
