package dev.mixserve.controller.health;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.Task;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A 1-token chat, one embedding, a 2-document rerank, a silence transcription or one spoken word,
 * sent over HTTP in the OpenAI shapes the replicas serve. Any 2xx answer with a body counts.
 */
public final class HttpHealthProbe implements HealthProbe {
  private final HttpClient client;
  private volatile String clusterKey; // null: none (keys off, or no cluster key given)

  public HttpHealthProbe() {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
  }

  public HttpHealthProbe(HttpClient client) {
    this.client = client;
  }

  @Override
  public Result check(URI endpoint, String model, Task task, Duration timeout) {
    return send(ProbeRequests.of(endpoint, model, task), task, timeout);
  }

  /** The key a worker of this cluster is probed with (see {@link dev.mixserve.api.ClusterKey}). */
  public void clusterKey(java.util.Optional<String> key) {
    this.clusterKey = key.orElse(null);
  }

  @Override
  public Result check(URI endpoint, Deployment d, Duration timeout) {
    var request = ProbeRequests.of(endpoint, d);
    String key = clusterKey;
    if (key != null && dev.mixserve.api.ClusterKey.member(d)) {
      request.header("Authorization", "Bearer " + key); // never to an upstream of another's
    }
    return send(request, d.task(), timeout);
  }

  private Result send(HttpRequest.Builder builder, Task task, Duration timeout) {
    HttpRequest request = builder.timeout(timeout).build();
    CompletableFuture<HttpResponse<byte[]>> sent =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return judge(sent.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      sent.cancel(true);
      return Result.timedOut("no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpTimeoutException
          && !(e.getCause() instanceof HttpConnectTimeoutException)) {
        // the request's own timeout, which may fire first; a connect timeout is no such answer
        return Result.timedOut("no answer within " + timeout.toMillis() + " ms");
      }
      return Result.failed(task.id() + " probe failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sent.cancel(true);
      return Result.failed("interrupted");
    }
  }

  private static Result judge(HttpResponse<byte[]> res) {
    if (res.statusCode() / 100 != 2) {
      return Result.failed(res.request().uri().getPath() + " answered " + res.statusCode());
    }
    if (res.body().length == 0) {
      return Result.failed(res.request().uri().getPath() + " answered an empty body");
    }
    return Result.passed();
  }
}
