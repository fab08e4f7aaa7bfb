package dev.mixserve.api;

import java.util.Objects;

/**
 * Gateway settings.
 *
 * @param host address to bind
 * @param port port to bind; 0 picks a free one
 * @param aliasNamespace KServe namespace used to build the default aliases NAME-predictor.NS
 * @param defaultAliases whether every deployment gets NAME-predictor.NS aliases
 * @param front whether an event-loop front door takes the port (see {@link Front})
 */
public record Server(
    String host, int port, String aliasNamespace, boolean defaultAliases, Front front) {
  public static final Server DEFAULT = new Server("0.0.0.0", 8000, "ai-ml", true, Front.AUTO);

  /**
   * The front door forwards requests for replicas outside the JVM on event loops, as nginx does,
   * and passes the rest to the HTTP handler over loopback: that hop is what in-JVM engines pay.
   */
  public enum Front {
    /** On when the config at start has a deployment outside the JVM (process or upstream). */
    AUTO,
    ON,
    OFF
  }

  public Server(String host, int port, String aliasNamespace, boolean defaultAliases) {
    this(host, port, aliasNamespace, defaultAliases, Front.AUTO);
  }

  public Server {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(aliasNamespace, "aliasNamespace");
    Objects.requireNonNull(front, "front");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
  }

  public Server withPort(int newPort) {
    return new Server(host, newPort, aliasNamespace, defaultAliases, front);
  }
}
