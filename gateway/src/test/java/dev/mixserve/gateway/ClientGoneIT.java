package dev.mixserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #16, item 11: a client that goes away early is a debug line, not a SEVERE entry with a
 * stack trace, and no error is sent on a response that already started. System.Logger goes to
 * java.util.logging here (no other LoggerFinder is on the class path), so JUL records are what the
 * gateway logs.
 */
public class ClientGoneIT {
  /** Held: JUL keeps loggers only weakly, and a collected one loses its level. */
  private static final Logger MIXSERVE = Logger.getLogger("dev.mixserve");

  private static final Logger ROOT = Logger.getLogger("");
  private static final List<LogRecord> RECORDS = new CopyOnWriteArrayList<>();
  private static final Handler CAPTURE =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          RECORDS.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private static MixserveServer server;
  private static Level before;

  @BeforeAll
  static void start() throws Exception {
    var cfg =
        ConfigLoader.parse(
            """
            server: {host: 127.0.0.1, port: 0}
            deployments:
              - {name: tts, task: speech, engine: {kind: freetts}}
              - {name: echo, task: embedding, engine: {kind: echo}}
            """,
            "ClientGoneIT");
    server =
        MixserveServer.start(
            cfg, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()));
    server.loaded().get(60, TimeUnit.SECONDS);
    server.runtimes().forEach(rt -> rt.engine()); // fails here, with the reason, if one did not
    before = MIXSERVE.getLevel();
    MIXSERVE.setLevel(Level.ALL); // so that the debug lines are made, and seen
    CAPTURE.setLevel(Level.ALL);
    ROOT.addHandler(CAPTURE);
  }

  @AfterAll
  static void stop() {
    ROOT.removeHandler(CAPTURE);
    MIXSERVE.setLevel(before);
    server.close();
  }

  @Test
  void clientsLeavingEarlyOnMetricsAndSpeechLogNothingAboveDebug() throws Exception {
    RECORDS.clear();
    for (int i = 0; i < 20; i++) {
      try (var s = connect()) {
        send(s, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");
        s.getInputStream().read(); // the answer started
      } // and the client resets the connection
      try (var s = connect()) {
        send(s, "GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");
      } // before any answer
    }
    String text = "This sentence is spoken again and again. ".repeat(60);
    String json = "{\"input\": \"" + text + "\", \"response_format\": \"wav\"}";
    for (int i = 0; i < 3; i++) {
      try (var s = connect()) {
        send(
            s,
            "POST /tts/v1/audio/speech HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n"
                + json);
        readSome(s.getInputStream(), 4096); // the first audio came
      } // mid-speech
    }
    // the server has noticed every one of them once the deployments are idle again
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> server.runtimes().stream().allMatch(rt -> rt.gate().running() == 0));
    var health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/-/healthz"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);

    // the gateway's and the HTTP server's own; engines of other tests in this JVM may still talk
    var ours = RECORDS.stream().filter(ClientGoneIT::ours).toList();
    assertThat(ours)
        .as("records above FINE")
        .filteredOn(r -> r.getLevel().intValue() > Level.FINE.intValue())
        .extracting(ClientGoneIT::describe)
        .isEmpty();
    assertThat(ours)
        .as("records with an exception")
        .filteredOn(r -> r.getThrown() != null)
        .extracting(ClientGoneIT::describe)
        .isEmpty();
    // 43 clients went away; a line each was the flood
    assertThat(RECORDS)
        .as("debug lines of clients gone: the paths ran, and lines are rate-limited")
        .filteredOn(r -> r.getLevel() == Level.FINE && r.getLoggerName().startsWith("dev.mixserve"))
        .extracting(LogRecord::getMessage)
        .filteredOn(m -> m.contains("went away") || m.contains("after the answer had started"))
        .hasSizeBetween(1, 4); // two kinds, at most one line each per 10 s
  }

  private static boolean ours(LogRecord r) {
    String name = r.getLoggerName() == null ? "" : r.getLoggerName();
    return name.startsWith("dev.mixserve.gateway") || name.startsWith("io.helidon");
  }

  private static String describe(LogRecord r) {
    return r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage() + " " + r.getThrown();
  }

  private static Socket connect() throws IOException {
    var s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(30_000);
    s.setSoLinger(true, 0); // close() resets the connection, as a killed client's does
    return s;
  }

  private static void send(Socket s, String request) throws IOException {
    s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
  }

  private static void readSome(InputStream in, int bytes) throws IOException {
    int got = 0;
    byte[] buf = new byte[bytes];
    while (got < bytes) {
      int n = in.read(buf, got, bytes - got);
      if (n < 0) {
        throw new IOException("closed after " + got + " bytes");
      }
      got += n;
    }
  }
}
