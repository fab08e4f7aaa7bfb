package dev.mixserve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retries against a local server that is overloaded first and then answers. */
class RetryTest {
  private static final String VECTORS = "{\"data\":[{\"index\":0,\"embedding\":[0.5,0.25]}]}";

  @Test
  void a429WithRetryAfterIsRetriedAfterTheWait() {
    var calls = new AtomicInteger();
    try (var server =
            new FakeServer(
                ex -> {
                  if (calls.incrementAndGet() == 1) {
                    ex.getResponseHeaders().set("Retry-After", "1");
                    FakeServer.send(ex, 429, "{\"error\":{\"message\":\"queue full\"}}");
                  } else {
                    FakeServer.send(ex, 200, VECTORS);
                  }
                });
        var client = MixserveClient.of(server.url())) {
      long start = System.nanoTime();
      var v = client.embed(Target.route("/embeddings"), List.of("x"));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(v.getFirst()).containsExactly(0.5f, 0.25f);
      assertThat(calls).hasValue(2);
    }
  }

  @Test
  void attemptsAreBoundedAndTheLastErrorCarriesTheServerMessage() {
    var calls = new AtomicInteger();
    var policy = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(1));
    try (var server =
            new FakeServer(
                ex -> {
                  calls.incrementAndGet();
                  FakeServer.send(
                      ex,
                      503,
                      "{\"error\":{\"message\":\"embeddings is loading\",\"type\":\"service_unavailable_error\",\"code\":\"service_unavailable\"}}");
                });
        var client = new MixserveClient(ClientOptions.of(server.url()).withRetry(policy))) {
      assertThatThrownBy(() -> client.embed(Target.root(), List.of("x")))
          .isInstanceOfSatisfying(
              MixserveException.class,
              e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.serverMessage()).isEqualTo("embeddings is loading");
                assertThat(e.code()).isEqualTo("service_unavailable");
              });
      assertThat(calls).hasValue(3);
    }
  }

  @Test
  void otherErrorsAreNotRetried() {
    var calls = new AtomicInteger();
    try (var server =
            new FakeServer(
                ex -> {
                  calls.incrementAndGet();
                  FakeServer.send(ex, 500, "plain text failure");
                });
        var client = MixserveClient.of(server.url())) {
      assertThatThrownBy(() -> client.health())
          .isInstanceOf(MixserveException.class)
          .hasMessageContaining("500")
          .hasMessageContaining("plain text failure");
      assertThat(calls).hasValue(1);
    }
  }

  @Test
  void aServerThatIsDownIsReportedAsUnreachable() {
    int port;
    try (var server = new FakeServer(ex -> FakeServer.send(ex, 200, "{}"))) {
      port = Integer.parseInt(server.url().replaceAll(".*:", ""));
    }
    try (var client = MixserveClient.of("http://127.0.0.1:" + port)) {
      assertThatThrownBy(client::health)
          .isInstanceOfSatisfying(
              MixserveException.class, e -> assertThat(e.unreachable()).isTrue())
          .hasMessageContaining("cannot reach mixserve");
    }
  }
}
