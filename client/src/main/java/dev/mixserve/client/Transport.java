package dev.mixserve.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Sends requests with the options' timeouts, retries 429/503 and turns errors into exceptions. */
final class Transport implements AutoCloseable {
  private final HttpClient http;
  private final ClientOptions options;
  private final boolean owner; // whether close() closes the HTTP client, or another does

  Transport(ClientOptions options) {
    this(
        options,
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            // mixserve and SSE speak HTTP/1.1; this skips the h2c upgrade probe on every connection
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build(),
        true);
  }

  private Transport(ClientOptions options, HttpClient http, boolean owner) {
    this.options = options;
    this.http = http;
    this.owner = owner;
  }

  /** The same connections with another key; closing it leaves them to this one. */
  Transport withApiKey(String key) {
    return new Transport(options.withApiKey(key), http, false);
  }

  URI uri(String path) {
    return URI.create(options.baseUrl() + path);
  }

  HttpRequest.Builder request(String path) {
    var b = HttpRequest.newBuilder(uri(path)).timeout(options.requestTimeout());
    return options.apiKey() == null ? b : b.header("Authorization", "Bearer " + options.apiKey());
  }

  /**
   * Sends until a success or a final error; the body is a stream so that SSE can be read as it
   * comes. The supplier builds a fresh request per attempt (publishers are single-use for some body
   * kinds).
   */
  HttpResponse<InputStream> send(Supplier<HttpRequest> build) {
    for (int attempt = 1; ; attempt++) {
      HttpRequest req = build.get();
      HttpResponse<InputStream> res = once(req);
      if (res.statusCode() < 400) {
        return res;
      }
      byte[] body = drain(res);
      var wait =
          RetryPolicy.retryable(res.statusCode())
              ? options
                  .retry()
                  .delay(attempt, res.headers().firstValue("Retry-After"), Instant.now())
              : java.util.Optional.<Duration>empty();
      if (wait.isEmpty()) {
        throw Errors.fromResponse(req, res.statusCode(), body);
      }
      sleep(wait.get());
    }
  }

  byte[] sendForBytes(Supplier<HttpRequest> build) {
    return drain(send(build));
  }

  private HttpResponse<InputStream> once(HttpRequest req) {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new MixserveException(
          "no answer from " + req.uri() + " within " + options.requestTimeout().toSeconds() + " s",
          e);
    } catch (ConnectException e) {
      throw new MixserveException(
          "cannot reach mixserve at " + options.baseUrl() + " (is the server running?)", e);
    } catch (IOException e) {
      throw new MixserveException(req.method() + " " + req.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MixserveException("interrupted while calling " + req.uri(), e);
    }
  }

  static byte[] drain(HttpResponse<InputStream> res) {
    try (InputStream in = res.body()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new MixserveException("reading the answer from " + res.uri() + " failed: " + e, e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MixserveException("interrupted while waiting to retry", e);
    }
  }

  @Override
  public void close() {
    if (owner) {
      http.close();
    }
  }
}
