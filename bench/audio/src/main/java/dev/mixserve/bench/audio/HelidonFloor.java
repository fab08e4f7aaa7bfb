package dev.mixserve.bench.audio;

import dev.mixserve.bench.common.KeepAliveConnection;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

/**
 * What the HTTP server alone costs for an answer of a given size: Helidon, set up as the gateway
 * sets it up (TCP_NODELAY), with one route that reads the request's body and sends that many bytes,
 * no engine, no JSON, no front door. Between the bare-socket floor and the speech rows: the part of
 * "HTTP above the floor" that no speech code can remove while Helidon serves the request.
 */
final class HelidonFloor implements AutoCloseable {
  private final WebServer server;
  private final KeepAliveConnection client;
  private volatile byte[] answer = new byte[0];

  HelidonFloor() throws java.io.IOException {
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .shutdownHook(false)
            .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
            .routing(
                r ->
                    r.post(
                        "/floor",
                        (req, res) -> {
                          req.content().as(byte[].class);
                          res.header(HeaderNames.CONTENT_TYPE, "audio/wav");
                          res.send(answer);
                        }))
            .build()
            .start();
    client = new KeepAliveConnection(server.port());
  }

  /** The best of {@code repeats} exchanges of {@code request} for {@code bytes} of answer. */
  double best(int bytes, byte[] request, int repeats) throws java.io.IOException {
    answer = new byte[bytes];
    return LoopbackFloor.best(client, bytes, request, repeats, "Helidon");
  }

  @Override
  public void close() throws java.io.IOException {
    client.close();
    server.stop();
  }
}
