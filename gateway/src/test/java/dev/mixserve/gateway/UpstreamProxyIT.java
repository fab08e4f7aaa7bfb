package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.gateway.http.BodyBudget;
import dev.mixserve.gateway.http.Call;
import dev.mixserve.gateway.upstream.UpstreamPool;
import dev.mixserve.gateway.upstream.UpstreamProxy;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy on its own, between a real HTTP client and {@link RawUpstream}: each framing arrives
 * whole, per-hop headers stay on their hop, and failures say whether the request left.
 */
public class UpstreamProxyIT {
  static RawUpstream upstream;
  static UpstreamPool pool;
  static UpstreamPool nowhere;
  static WebServer front;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    upstream = new RawUpstream();
    pool =
        new UpstreamPool(
            URI.create("http://127.0.0.1:" + upstream.port()), Duration.ofSeconds(2), 16);
    nowhere = new UpstreamPool(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2), 16);
    front =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .routing(HttpRouting.builder().any(UpstreamProxyIT::handle))
            .build()
            .start();
  }

  /** Forwards to the pool the path names, and tells the test what a failure was. */
  private static void handle(
      io.helidon.webserver.http.ServerRequest req, io.helidon.webserver.http.ServerResponse res) {
    String path = req.path().path();
    var call =
        new Call(
            req,
            res,
            path.replaceFirst("^/nowhere", ""),
            1 << 20,
            new BodyBudget(1 << 30),
            null,
            null);
    var target = path.startsWith("/nowhere") ? nowhere : pool;
    if (UpstreamProxy.tryForward(call, target, Duration.ofMillis(500))
        instanceof UpstreamProxy.Outcome.Failed f) {
      res.status(f.error().status());
      res.send("requestSent=" + f.requestSent() + " " + f.error().getMessage());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    front.stop();
    pool.close();
    upstream.close();
  }

  static HttpResponse<String> send(String path, HttpRequest.Builder b) throws Exception {
    return CLIENT.send(
        b.uri(URI.create("http://127.0.0.1:" + front.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return send(path, HttpRequest.newBuilder());
  }

  @Test
  void everyFramingArrivesWhole() throws Exception {
    var fixed = get("/fixed");
    assertThat(fixed.body()).isEqualTo("hello");
    assertThat(fixed.headers().firstValue("X-Up")).hasValue("1");
    assertThat(fixed.headers().firstValue("Keep-Alive")).isEmpty();
    var chunked = get("/chunked");
    assertThat(chunked.statusCode()).isEqualTo(201);
    assertThat(chunked.body()).isEqualTo("hello world");
    assertThat(get("/close").body()).isEqualTo("until the end");
    assertThat(get("/big").body()).hasSize(200_000);
    assertThat(get("/interim").body()).isEqualTo("ok");
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void perHopHeadersStayOnTheirHop() throws Exception {
    var res =
        send(
            "/head?q=a%20b",
            HttpRequest.newBuilder()
                .header("X-Custom", "kept")
                .header("Keep-Alive", "timeout=1")
                .header("TE", "trailers")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\":1}")));
    assertThat(res.body())
        .startsWith("POST /head?q=a%20b HTTP/1.1\r\nHost: 127.0.0.1:" + upstream.port() + "\r\n")
        .contains("X-Custom: kept", "Content-Length: 7")
        .doesNotContainIgnoringCase("keep-alive")
        .doesNotContainIgnoringCase("te: trailers");
  }

  @Test
  void aConnectionTheUpstreamClosedIsReplacedUnseen() throws Exception {
    assertThat(get("/once").body()).isEqualTo("hello");
    int before = upstream.connections.get();
    assertThat(get("/fixed").body()).isEqualTo("hello");
    assertThat(upstream.connections.get()).isEqualTo(before + 1); // the retry's new connection
  }

  @Test
  void failuresSayWhetherTheRequestLeft() throws Exception {
    var refused = get("/nowhere/fixed");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).startsWith("requestSent=false").contains("unreachable");
    var silent = get("/silent");
    assertThat(silent.statusCode()).isEqualTo(503);
    assertThat(silent.body())
        .startsWith("requestSent=true")
        .contains("did not answer within 500 ms");
  }
}
