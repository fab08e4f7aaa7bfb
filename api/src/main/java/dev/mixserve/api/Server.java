package dev.mixserve.api;

import java.util.Objects;

/**
 * Gateway settings.
 *
 * @param host address to bind
 * @param port port to bind; 0 picks a free one
 * @param aliasNamespace KServe namespace used to build the default aliases NAME-predictor.NS
 * @param defaultAliases whether every deployment gets NAME-predictor.NS aliases
 */
public record Server(String host, int port, String aliasNamespace, boolean defaultAliases) {
  public static final Server DEFAULT = new Server("0.0.0.0", 8000, "ai-ml", true);

  public Server {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(aliasNamespace, "aliasNamespace");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
  }

  public Server withPort(int newPort) {
    return new Server(host, newPort, aliasNamespace, defaultAliases);
  }
}
