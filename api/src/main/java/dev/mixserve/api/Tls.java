package dev.mixserve.api;

import java.util.Objects;

/**
 * TLS on the public port: a PEM certificate chain and its private key, read again when either file
 * changes (a renewed certificate needs no restart). Off when both are empty.
 *
 * @param cert path of the PEM certificate chain, the server's certificate first
 * @param key path of the PEM private key (PKCS#8, or PKCS#1 RSA)
 */
public record Tls(String cert, String key) {
  public static final Tls OFF = new Tls("", "");

  public Tls {
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(key, "key");
    if (cert.isEmpty() != key.isEmpty()) {
      throw new IllegalArgumentException("tls needs both cert and key");
    }
  }

  public boolean on() {
    return !cert.isEmpty();
  }
}
