package dev.mixserve.gateway;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import dev.mixserve.api.engine.ModelCard;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server that already runs elsewhere (vLLM, llama-server, TEI, another mixserve): the gateway
 * forwards every request of the deployment to it, streaming both ways, after admission control.
 * engine.model is the base URL, e.g. http://gpu-box:8001.
 */
public final class UpstreamEngine implements Engine {
  private final Deployment deployment;
  private final URI base;
  private final UpstreamPool pool;
  private final Map<URI, UpstreamPool> others = new ConcurrentHashMap<>();

  UpstreamEngine(Deployment deployment, URI base) {
    this.deployment = deployment;
    this.base = base;
    this.pool = newPool(base);
  }

  private static UpstreamPool newPool(URI base) {
    // idle connections kept: as many as requests may run at once against one upstream, in bulk
    return new UpstreamPool(base, Duration.ofSeconds(5), 1024);
  }

  URI base() {
    return base;
  }

  /** The connections to engine.model. */
  UpstreamPool pool() {
    return pool;
  }

  /** The connections to another base URL serving the same deployment (a replica of it). */
  UpstreamPool pool(URI replica) {
    return replica.equals(base) ? pool : others.computeIfAbsent(replica, UpstreamEngine::newPool);
  }

  @Override
  public ModelCard card() {
    return new ModelCard(
        base.toString(),
        deployment.task(),
        "upstream",
        "Requests are forwarded to the server at " + base + ".",
        Map.of("url", base.toString()));
  }

  @Override
  public void close() {
    pool.close();
    others.values().forEach(UpstreamPool::close);
  }

  /** engine.kind "upstream". */
  public static final class Factory implements EngineFactory {
    @Override
    public String kind() {
      return "upstream";
    }

    @Override
    public Set<Task> tasks() {
      return EnumSet.allOf(Task.class);
    }

    @Override
    public Engine create(Deployment d, EngineContext context) {
      String url = d.engine().model();
      URI uri;
      try {
        uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("engine.model: not a URL: '" + url + "'");
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "engine.model: expected the upstream's base URL such as http://host:8001, got '"
                + url
                + "'");
      }
      return new UpstreamEngine(d, uri);
    }
  }
}
