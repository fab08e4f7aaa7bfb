/**
 * TLS for the public port: the PEM certificate chain and key read into an {@link
 * javax.net.ssl.SSLContext} ({@link dev.mixserve.gateway.tls.PemIdentity}), and read again when
 * either file changes ({@link dev.mixserve.gateway.tls.TlsCerts}); the front door's loops encrypt
 * with the engine it hands out. Below the front door, above nothing of the gateway.
 */
package dev.mixserve.gateway.tls;
