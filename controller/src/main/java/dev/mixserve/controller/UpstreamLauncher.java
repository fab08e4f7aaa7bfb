package dev.mixserve.controller;

import dev.mixserve.api.Deployment;
import dev.mixserve.controller.health.HealthProbe;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Replicas that are servers already running elsewhere, at the deployment's engine.model URL.
 * Nothing is started or stopped; readiness is the deployment's health check, since an upstream's
 * cheap paths differ by kind of server while a tiny inference works on all of them.
 */
public final class UpstreamLauncher implements Launcher {
  private final HealthProbe probe;

  public UpstreamLauncher(HealthProbe probe) {
    this.probe = probe;
  }

  @Override
  public Started start(ReplicaSpec spec) throws LaunchException {
    return new Upstream(spec.deployment(), base(spec.deployment()));
  }

  /** engine.model as the upstream's base URL, or why it is none. */
  public static URI base(Deployment d) throws LaunchException {
    String url = d.engine().model();
    try {
      URI uri = URI.create(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      throw new LaunchException(d.name() + ": engine.model is not a URL: '" + url + "'", e);
    }
    throw new LaunchException(
        d.name() + ": engine.model: expected an http(s) base URL, got '" + url + "'");
  }

  /** Null when a TCP connection to the endpoint opens; else why not. */
  static String refused(URI endpoint) {
    int port =
        endpoint.getPort() > 0
            ? endpoint.getPort()
            : "https".equals(endpoint.getScheme()) ? 443 : 80;
    try (var socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(endpoint.getHost(), port), 2000);
      return null;
    } catch (java.net.ConnectException | java.net.UnknownHostException e) {
      return e.getMessage() == null ? e.toString() : e.getMessage();
    } catch (java.io.IOException e) {
      return null; // slow or odd: the health check decides
    }
  }

  private final class Upstream implements Started {
    private final Deployment deployment;
    private final URI endpoint;
    private final CompletableFuture<String> exited = new CompletableFuture<>();

    Upstream(Deployment deployment, URI endpoint) {
      this.deployment = deployment;
      this.endpoint = endpoint;
    }

    @Override
    public URI endpoint() {
      return endpoint;
    }

    /**
     * A refused connection ends this start (the replica fails and is tried again after its
     * backoff), so that requests are told at once that the upstream is down instead of waiting for
     * a startup timeout.
     */
    @Override
    public boolean ready() {
      String refused = refused(endpoint);
      if (refused != null) {
        exited.complete("upstream " + endpoint + " is unreachable: " + refused);
        return false;
      }
      return probe.check(endpoint, deployment, deployment.health().timeout()).ok();
    }

    @Override
    public CompletableFuture<String> exited() {
      return exited;
    }

    @Override
    public void stop(Duration grace) {
      exited.complete("stopped (the upstream itself keeps running)");
    }
  }
}
