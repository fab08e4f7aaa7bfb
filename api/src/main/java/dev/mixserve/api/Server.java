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
 * @param edge the limits and timeouts the public port holds clients to
 * @param nodesDownAfter how long a head waits for a worker that does not answer before it plans
 *     without its node (moving a model is costly: a worker's restart should not move it)
 * @param cors which browser origins may call (off by default)
 * @param tls the certificate and key when the public port speaks TLS (off by default)
 */
public record Server(
    String host,
    int port,
    String aliasNamespace,
    boolean defaultAliases,
    Front front,
    Edge edge,
    java.time.Duration nodesDownAfter,
    Cors cors,
    Tls tls) {
  public static final java.time.Duration NODES_DOWN_AFTER = java.time.Duration.ofSeconds(30);

  public static final Server DEFAULT =
      new Server(
          "0.0.0.0",
          8000,
          "ai-ml",
          true,
          Front.AUTO,
          Edge.DEFAULT,
          NODES_DOWN_AFTER,
          Cors.OFF,
          Tls.OFF);

  /**
   * The front door owns the public port: event loops that read every request under the {@link Edge}
   * limits, forward those for replicas outside the JVM themselves, as nginx does, and pass the
   * rest, re-written, to the HTTP handler over loopback: that hop is what in-JVM engines pay.
   */
  public enum Front {
    /** On; the same as {@link #ON}, kept for configs that name it. */
    AUTO,
    ON,
    /**
     * The handler takes the port itself, without the edge's timeouts and without noticing a client
     * that leaves a non-streamed request: to measure what the front door costs, not for a port that
     * clients reach.
     */
    OFF
  }

  public Server(String host, int port, String aliasNamespace, boolean defaultAliases) {
    this(host, port, aliasNamespace, defaultAliases, Front.AUTO, Edge.DEFAULT);
  }

  public Server(String host, int port, String aliasNamespace, boolean defaultAliases, Front front) {
    this(host, port, aliasNamespace, defaultAliases, front, Edge.DEFAULT);
  }

  public Server(
      String host,
      int port,
      String aliasNamespace,
      boolean defaultAliases,
      Front front,
      Edge edge) {
    this(
        host,
        port,
        aliasNamespace,
        defaultAliases,
        front,
        edge,
        NODES_DOWN_AFTER,
        Cors.OFF,
        Tls.OFF);
  }

  public Server {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(aliasNamespace, "aliasNamespace");
    Objects.requireNonNull(front, "front");
    Objects.requireNonNull(edge, "edge");
    Objects.requireNonNull(cors, "cors");
    Objects.requireNonNull(tls, "tls");
    if (tls.on() && front == Front.OFF) {
      // The front door's loops speak TLS; the handler alone would be a second TLS stack to keep.
      throw new IllegalArgumentException("tls needs the front door: remove front: off");
    }
    if (nodesDownAfter == null || nodesDownAfter.isNegative() || nodesDownAfter.isZero()) {
      throw new IllegalArgumentException("nodes_down_after must be a positive duration");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
  }

  public Server withPort(int newPort) {
    return new Server(
        host, newPort, aliasNamespace, defaultAliases, front, edge, nodesDownAfter, cors, tls);
  }

  public Server withHost(String newHost) {
    return new Server(
        newHost, port, aliasNamespace, defaultAliases, front, edge, nodesDownAfter, cors, tls);
  }

  public Server withFront(Front f) {
    return new Server(
        host, port, aliasNamespace, defaultAliases, f, edge, nodesDownAfter, cors, tls);
  }

  public Server withTls(Tls t) {
    return new Server(
        host, port, aliasNamespace, defaultAliases, front, edge, nodesDownAfter, cors, t);
  }
}
