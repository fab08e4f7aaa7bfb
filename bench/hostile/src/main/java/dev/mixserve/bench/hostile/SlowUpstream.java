package dev.mixserve.bench.hostile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The replicas' server: an embeddings endpoint that works on one request at a time, in arrival
 * order, as an engine with a queue of its own: a call takes {@link #WORK}, the gateway's health
 * check (one embedding of "ok") {@link #CHECK_WORK}, and under load the checks wait their turn
 * behind the calls. Were a check as long as a call, an idle replica would pass its 250 ms timeout
 * with 50 ms to spare, and any pause of the shared machine would fail it.
 */
final class SlowUpstream implements AutoCloseable {
  static final Duration WORK = Duration.ofMillis(200);
  static final Duration CHECK_WORK = Duration.ofMillis(10);
  private static final byte[] ANSWER =
      "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5]}]}"
          .getBytes(StandardCharsets.UTF_8);

  private final ExecutorService serial = Executors.newSingleThreadExecutor();
  private final HttpServer server;

  SlowUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(serial);
    server.createContext("/v1/embeddings", SlowUpstream::work);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void work(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    try {
      // the inference this server stands for
      Thread.sleep(body.contains("\"input\":\"ok\"") ? CHECK_WORK : WORK);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, ANSWER.length);
    ex.getResponseBody().write(ANSWER);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    serial.shutdownNow();
  }
}
