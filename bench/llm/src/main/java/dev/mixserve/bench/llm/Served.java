package dev.mixserve.bench.llm;

import dev.mixserve.api.Deployment;
import dev.mixserve.api.engine.ChatEngine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.api.engine.chat.ChatRequest;
import dev.mixserve.api.engine.chat.Sampling;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
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
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI url;

  Served(Setup s) throws Exception {
    this.setup = s;
    String config =
        """
        server: {host: 127.0.0.1, port: 0}
        deployments:
          - name: llm
            task: chat
            engine: {kind: llama-cpp, model: "%s", options: {threads: %d, parallel: %d, context_size: 512}}
            limits: {max_ongoing_requests: 64, timeout: 600s}
        """
            .formatted(s.model().toAbsolutePath(), s.threads(), s.parallel());
    var cfg = ConfigLoader.parse(config, "bench");
    var ctx = new EngineContext(Path.of("target", "cache"), Map.of());
    server = MixserveServer.start(cfg, EngineRegistry.discover(), ctx);
    server.loaded().get(60, TimeUnit.SECONDS);
    Deployment d = cfg.deployments().getFirst();
    engine = (ChatEngine) server.runtimes().getFirst().engine();
    url = URI.create("http://127.0.0.1:" + server.port() + d.route() + "/v1/completions");
  }

  /** One generation through the engine API, no HTTP. */
  int engineOne() {
    var r = ChatRequest.prompt(Setup.PROMPT, setup.tokens(), Sampling.GREEDY);
    return engine.generate(r, p -> {}).completionTokens();
  }

  /** One streamed completion over HTTP; tokens as the usage chunk reports them. */
  int httpOne() throws Exception {
    String body =
        """
        {"prompt": "%s", "max_tokens": %d, "temperature": 0, "stream": true,
         "stream_options": {"include_usage": true}}"""
            .formatted(Setup.PROMPT, setup.tokens());
    var req =
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    var lines = http.send(req, HttpResponse.BodyHandlers.ofLines()).body();
    int tokens = -1;
    for (String line : (Iterable<String>) lines::iterator) {
      var m = USAGE.matcher(line);
      if (m.find()) {
        tokens = Integer.parseInt(m.group(1));
      }
    }
    return tokens;
  }

  static int concurrently(int streams, Callable<Integer> one) throws Exception {
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var fs = new ArrayList<Future<Integer>>();
      for (int i = 0; i < streams; i++) {
        fs.add(pool.submit(one));
      }
      int n = 0;
      for (var f : fs) {
        n += f.get();
      }
      return n;
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
