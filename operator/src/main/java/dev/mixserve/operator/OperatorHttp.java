package dev.mixserve.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's own port: {@code /healthz} (alive: the operator started), {@code /readyz} (its
 * informers are connected) and {@code /metrics}. The JDK's server: three plain answers need no
 * framework.
 */
public final class OperatorHttp implements AutoCloseable {
  private final HttpServer server;

  /**
   * @param port 0 for any free port
   * @param alive whether the operator runs
   * @param ready whether it can see the cluster
   * @param metrics the exposition text
   */
  public OperatorHttp(
      int port, BooleanSupplier alive, BooleanSupplier ready, Supplier<String> metrics)
      throws IOException {
    Objects.requireNonNull(alive, "alive");
    Objects.requireNonNull(ready, "ready");
    Objects.requireNonNull(metrics, "metrics");
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", x -> check(x, alive.getAsBoolean()));
    server.createContext("/readyz", x -> check(x, ready.getAsBoolean()));
    server.createContext(
        "/metrics", x -> send(x, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void check(HttpExchange x, boolean ok) throws IOException {
    send(x, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not yet\n");
  }

  private static void send(HttpExchange x, int status, String type, String body)
      throws IOException {
    try (x) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", type);
      x.sendResponseHeaders(status, bytes.length);
      x.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
