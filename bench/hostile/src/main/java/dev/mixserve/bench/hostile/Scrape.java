package dev.mixserve.bench.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** Values read from the server's /metrics, for what an attack did behind the answers. */
final class Scrape implements AutoCloseable {
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI uri;

  Scrape(int port) {
    uri = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  /** The whole text of one scrape. */
  String text() throws IOException, InterruptedException {
    var req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
    return client.send(req, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** One series' value in {@code scrape}, e.g. {@code name{label="v"}}; 0 when absent. */
  static double value(String scrape, String series) {
    var m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  double value(String series) throws IOException, InterruptedException {
    return value(text(), series);
  }

  /** Waits until {@code series} reads {@code expected}; false if it did not within {@code max}. */
  boolean await(String series, double expected, Duration max) throws Exception {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      if (value(series) == expected) {
        return true;
      }
      Thread.sleep(100); // polling the server's own state; nothing to be woken by
    }
    return false;
  }

  @Override
  public void close() {
    client.close();
  }
}
