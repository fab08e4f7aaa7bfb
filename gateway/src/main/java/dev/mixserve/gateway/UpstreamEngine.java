package dev.mixserve.gateway;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import dev.mixserve.api.engine.Engine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.EngineFactory;
import dev.mixserve.api.engine.ModelCard;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A server that already runs elsewhere (vLLM, llama-server, TEI, another mixserve): the gateway
 * forwards every request of the deployment to it, streaming both ways, after admission control.
 * engine.model is the base URL, e.g. http://gpu-box:8001.
 */
public final class UpstreamEngine implements Engine {
  private final Deployment deployment;
  private final URI base;
  private final HttpClient client;

  UpstreamEngine(Deployment deployment, URI base) {
    this.deployment = deployment;
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  URI base() {
    return base;
  }

  HttpClient client() {
    return client;
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
    client.close();
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
