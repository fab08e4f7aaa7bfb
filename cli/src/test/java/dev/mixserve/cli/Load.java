package dev.mixserve.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that POST the same request in a loop until stopped, each answer sorted: 2xx, refused
 * (429/503, which must carry Retry-After) or failed (anything else, a reset, a hang past 15 s).
 */
final class Load {
  /** What the clients saw. */
  record Result(int ok, int refused, int refusedWithoutRetryAfter, List<String> failures) {}

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger bare = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final List<Thread> clients = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static Load start(String url, String body, int clients) {
    var load = new Load();
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    for (int i = 0; i < clients; i++) {
      load.clients.add(Thread.ofVirtual().start(() -> load.loop(request)));
    }
    return load;
  }

  private void loop(HttpRequest request) {
    while (running.get()) {
      try {
        var res = http.send(request, HttpResponse.BodyHandlers.ofString());
        int s = res.statusCode();
        if (s / 100 == 2) {
          ok.incrementAndGet();
        } else if (s == 429 || s == 503) {
          refused.incrementAndGet();
          if (res.headers().firstValue("retry-after").isEmpty()) {
            bare.incrementAndGet();
          }
          pause();
        } else {
          failures.add(s + " " + res.body());
        }
      } catch (Exception e) {
        failures.add(e.toString());
      }
    }
  }

  /** A refused client waits a little, as one that honours Retry-After would, if less long. */
  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Result stop() {
    running.set(false);
    for (Thread t : clients) {
      try {
        t.join(Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        failures.add("a client hung");
      }
    }
    clients.clear();
    http.close();
    return new Result(ok.get(), refused.get(), bare.get(), List.copyOf(failures));
  }
}
