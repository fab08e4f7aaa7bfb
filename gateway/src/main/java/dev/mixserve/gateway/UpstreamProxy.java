package dev.mixserve.gateway;

import dev.mixserve.api.error.ServeException;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** Forwards one call to an upstream server and copies the answer back as it arrives. */
final class UpstreamProxy {
  /** Per-hop headers (RFC 9110 §7.6.1) and those the client sets itself. */
  private static final Set<String> SKIP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "host",
          "content-length",
          "expect",
          "http2-settings");

  private UpstreamProxy() {}

  static void forward(Call call, UpstreamEngine upstream, Duration deadline) {
    var req = call.request();
    String query = req.query().rawValue();
    URI target = URI.create(upstream.base() + call.path() + (query.isEmpty() ? "" : "?" + query));
    var b = HttpRequest.newBuilder(target).timeout(deadline);
    for (Header h : req.headers()) {
      if (!SKIP.contains(h.name().toLowerCase(Locale.ROOT))) {
        h.allValues().forEach(v -> b.header(h.name(), v));
      }
    }
    byte[] body =
        call.method().equals("GET") || call.method().equals("HEAD") ? new byte[0] : call.body();
    b.method(
        call.method(),
        body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<InputStream> res;
    try {
      res = upstream.client().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw ServeException.unavailable(
          "upstream " + upstream.base() + " did not answer within " + deadline.toMillis() + " ms",
          1);
    } catch (ConnectException e) {
      throw ServeException.unavailable(
          "upstream " + upstream.base() + " is unreachable: " + e.getMessage(), 5);
    } catch (IOException e) {
      throw ServeException.unavailable(
          "upstream " + upstream.base() + " failed: " + e.getMessage(), 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ServeException.unavailable("interrupted while calling upstream", 1);
    }
    copy(call, res);
  }

  private static void copy(Call call, HttpResponse<InputStream> res) {
    var out = call.response();
    out.status(res.statusCode());
    res.headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!SKIP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                out.header(HeaderNames.create(name), values.toArray(String[]::new));
              }
            });
    res.headers().firstValueAsLong("content-length").ifPresent(out::contentLength);
    try (InputStream in = res.body();
        OutputStream os = out.outputStream()) {
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        os.write(buf, 0, n);
        if (in.available() == 0) {
          os.flush(); // streamed answers (SSE) reach the client chunk by chunk
        }
      }
    } catch (IOException e) {
      // Either side went away mid-answer; the status is sent, nothing more can be said.
      throw new java.io.UncheckedIOException(e);
    }
  }
}
