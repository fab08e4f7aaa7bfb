package dev.mixserve.bench.llm;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.engine.ChatEngine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Sampling;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** mixserve with the same model: the engine called in-process, and the server over HTTP. */
final class Served implements AutoCloseable {
  private static final Pattern USAGE = Pattern.compile("\"completion_tokens\":(\\d+)");
  private final Setup setup;
  private final MixserveServer server;
  private final ChatEngine engine;
  private final URI url;
  private final byte[] request;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

  /** mixserve with the engine's default options, or {@code stream_interval_ms} when not null. */
  Served(Setup s, Double streamIntervalMs) throws Exception {
    this(s, streamIntervalMs, true);
  }

  /**
   * As above; without {@code frontDoor} the handler takes the port itself, to measure what the
   * front door's hop costs a stream.
   */
  Served(Setup s, Double streamIntervalMs, boolean frontDoor) throws Exception {
    this.setup = s;
    String interval = streamIntervalMs == null ? "" : ", stream_interval_ms: " + streamIntervalMs;
    String config =
        """
        server: {host: 127.0.0.1, port: 0%s}
        deployments:
          - name: llm
            task: chat
            engine: {kind: llama-cpp, model: "%s", options: {threads: %d, parallel: %d, context_size: 512%s}}
            limits: {max_ongoing_requests: 64, timeout: 600s}
        """
            .formatted(
                frontDoor ? "" : ", front: \"off\"",
                s.model().toAbsolutePath(),
                s.threads(),
                s.parallel(),
                interval);
    var cfg = ConfigLoader.parse(config, "bench");
    var ctx = new EngineContext(Path.of("target", "cache"), Map.of());
    server = MixserveServer.start(cfg, EngineRegistry.discover(), ctx);
    server.loaded().get(60, TimeUnit.SECONDS);
    Deployment d = cfg.deployments().getFirst();
    engine = (ChatEngine) server.runtimes().getFirst().engine();
    url = URI.create("http://127.0.0.1:" + server.port() + d.route() + "/v1/completions");
    request = request(url, s.tokens());
  }

  /** One generation through the engine API, no HTTP. */
  int engineOne() {
    var r = ChatRequest.prompt(Setup.PROMPT, setup.tokens(), Sampling.GREEDY);
    return engine.generate(r, p -> {}).completionTokens();
  }

  /**
   * One streamed completion over HTTP; tokens as the usage chunk reports them. The client is a bare
   * socket that reads the stream to its end and parses only the last chunk, so that on a 2-core
   * machine its own work takes as little as possible from the server it measures. It keeps its
   * connection for the next request, as HTTP clients do (OpenAI's SDKs pool them): a new connection
   * per request cost this in-JVM client ~3 ms, 7% of a 128-token answer.
   */
  int httpOne() throws Exception {
    Connection c = idle.poll();
    if (c == null) {
      c = new Connection(url);
    }
    try {
      String all = c.exchange(request);
      idle.push(c);
      var m = USAGE.matcher(all.substring(all.lastIndexOf("\"usage\"")));
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException e) {
      c.close();
      throw e;
    }
  }

  private static byte[] request(URI url, int tokens) {
    byte[] body =
        """
        {"prompt": "%s", "max_tokens": %d, "temperature": 0, "stream": true,
         "stream_options": {"include_usage": true}}"""
            .formatted(Setup.PROMPT, tokens)
            .getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + url.getPath()
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** A kept-alive client connection. */
  private static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final byte[] buf = new byte[1 << 16];

    Connection(URI url) throws IOException {
      socket = new Socket(url.getHost(), url.getPort());
      socket.setTcpNoDelay(true);
    }

    // The response ends with [DONE] and the last HTTP chunk; nothing follows it on the connection.
    String exchange(byte[] request) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      var all = new ByteArrayOutputStream();
      for (int n; (n = in.read(buf)) > 0; ) {
        all.write(buf, 0, n);
        if (n >= 5 && new String(buf, n - 5, 5, StandardCharsets.US_ASCII).equals("0\r\n\r\n")) {
          String text = all.toString(StandardCharsets.UTF_8);
          if (text.contains("data: [DONE]")) {
            return text;
          }
        }
      }
      throw new IOException("stream ended early: " + all.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * {@code streams} clients, each sending a new request whenever its last one is answered, until
   * {@code endNanos}: steady load, not batches that wait for their slowest stream.
   */
  static int concurrently(int streams, Callable<Integer> one, long endNanos) throws Exception {
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var fs = new ArrayList<Future<Integer>>();
      for (int i = 0; i < streams; i++) {
        fs.add(
            pool.submit(
                () -> {
                  int n = 0;
                  do {
                    n += one.call();
                  } while (System.nanoTime() < endNanos);
                  return n;
                }));
      }
      int n = 0;
      for (var f : fs) {
        n += f.get();
      }
      return n;
    }
  }

  @Override
  public void close() throws IOException {
    for (Connection c : idle) {
      c.close();
    }
    server.close();
  }
}
