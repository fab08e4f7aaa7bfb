package dev.mixserve.bench.embeddings;

import dev.mixserve.api.engine.EmbeddingEngine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.bench.common.BenchArgs;
import dev.mixserve.bench.common.KeepAliveConnection;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embeddings per second through HTTP (1 and 32 clients, one text per request) against raw ONNX
 * Runtime in-process (batch 1 and batch 32), in one run, with the ratios.
 *
 * <p>Run: {@code mvn -q -pl bench/embeddings -am install -DskipTests && mvn -q -pl bench/embeddings
 * exec:java -Dexec.args="--seconds 10"}
 */
public final class EmbeddingsBench {
  static final List<String> TEXTS = texts();
  private static final String PATH = "/embeddings/v1/embeddings";

  static final BenchArgs ARGS =
      new BenchArgs(
              "embeddings",
              "BGE-small embeddings over HTTP (1 and 32 clients) against raw ONNX Runtime.")
          .option("--seconds", "N", BenchArgs.Kind.INTEGER, "10", "seconds per measurement")
          .option("--rounds", "N", BenchArgs.Kind.INTEGER, "4", "rounds, odd ones in reverse");

  public static void main(String[] args) throws Exception {
    var a = ARGS.parseOrExit(args);
    int seconds = a.integer("--seconds");
    int rounds = a.integer("--rounds");
    System.out.printf(
        "BGE-small-en-v1.5 fp32, %d cores, %d s per measurement, %d rounds%n",
        Runtime.getRuntime().availableProcessors(), seconds, rounds);
    var cfg = config("server: {host: 127.0.0.1, port: 0}");
    // The same deployment with the handler on the port itself (no front door): what the edge costs
    var alone = config("server: {host: 127.0.0.1, port: 0, front: \"off\"}");
    // Everything stays loaded and the measurements alternate round after round, so that load from
    // elsewhere on the machine falls on each alike; ratios are medians of per-round ratios.
    try (var raw = new RawOnnx();
        var engine = engine();
        var server =
            MixserveServer.start(
                cfg, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()));
        var bare =
            MixserveServer.start(
                alone, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()))) {
      server.loaded().get(120, TimeUnit.SECONDS);
      bare.loaded().get(120, TimeUnit.SECONDS);
      int port = server.port();
      int barePort = bare.port();
      URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
      var rows = new Rows(rounds);
      rawRate(raw, 32, 2); // warm-up of every path
      httpRate(port, 32, 2);
      httpRate(barePort, 32, 2);
      for (int r = 0; r < rounds; r++) {
        // Odd rounds run the same measurements in reverse order (ABBA): a drift in the machine's
        // speed during a round (other tenants, CPU steal) then falls on both sides of each ratio
        // alike instead of always on the one measured last.
        var steps =
            new ArrayList<Step>(
                List.of(
                    new Step("raw ONNX Runtime, batch 1", () -> rawRate(raw, 1, seconds)),
                    new Step("HTTP, 1 client", () -> httpRate(port, 1, seconds)),
                    new Step("HTTP handler alone, 1 client", () -> httpRate(barePort, 1, seconds)),
                    new Step("raw ONNX Runtime, batch 32", () -> rawRate(raw, 32, seconds)),
                    new Step("engine in-process, batch 32", () -> engineRate(engine, 32, seconds)),
                    new Step("HTTP, 32 clients", () -> httpRate(port, 32, seconds)),
                    new Step(
                        "HTTP handler alone, 32 clients", () -> httpRate(barePort, 32, seconds))));
        if (r % 2 == 1) {
          java.util.Collections.reverse(steps);
        }
        for (Step step : steps) {
          meanBatch(metrics); // starts the batch-size window here
          rows.add(r, step.name(), step.rate().call());
          if (step.name().equals("HTTP, 1 client") || step.name().equals("HTTP, 32 clients")) {
            rows.note(step.name(), meanBatch(metrics));
          }
        }
      }
      rows.print();
      rows.ratio("HTTP, 1 client", "raw ONNX Runtime, batch 1", "");
      rows.ratio("engine in-process, batch 32", "raw ONNX Runtime, batch 32", "");
      rows.ratio("HTTP, 32 clients", "raw ONNX Runtime, batch 32", "  (goal >= 0.90)");
      rows.ratio("HTTP, 1 client", "HTTP handler alone, 1 client", "  (the front door's hop)");
      rows.ratio("HTTP, 32 clients", "HTTP handler alone, 32 clients", "  (the front door's hop)");
    }
    System.exit(0);
  }

  private static dev.mixserve.api.MixserveConfig config(String server) {
    return ConfigLoader.parse(
        server
            + """

        deployments:
          - name: embeddings
            task: embedding
            engine: {kind: onnx-bert, model: "builtin:bge-small-en-v1.5"}
            batching: {max_batch_size: 32, max_wait: 2ms}
            limits: {max_ongoing_requests: 256, max_queued_requests: 1024}
        """,
        "bench");
  }

  /** One measurement of a round: a rate in embeddings/s. */
  private record Step(String name, java.util.concurrent.Callable<Double> rate) {}

  private static double lastItems;
  private static double lastBatches;

  /** Mean batch size since the previous call, from the server's own histogram. */
  static String meanBatch(URI metrics) throws Exception {
    String text =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    double items = value(text, "mixserve_batch_size_sum{deployment=\"embeddings\"}");
    double batches = value(text, "mixserve_batch_size_count{deployment=\"embeddings\"}");
    String out =
        String.format("mean batch %.1f", (items - lastItems) / Math.max(1, batches - lastBatches));
    lastItems = items;
    lastBatches = batches;
    return out;
  }

  private static double value(String text, String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1));
      }
    }
    return 0;
  }

  static EmbeddingEngine engine() {
    var d =
        ConfigLoader.parse(
                "deployments: [{name: e, task: embedding, engine: {kind: onnx-bert}}]", "bench")
            .deployments()
            .getFirst();
    return (EmbeddingEngine)
        EngineRegistry.discover().create(d, new EngineContext(Path.of("target"), Map.of()));
  }

  static double engineRate(EmbeddingEngine engine, int batch, int seconds) {
    var inputs = new ArrayList<EmbeddingEngine.Input>();
    for (int phase = 0; phase < 2; phase++) {
      long count = 0;
      long start = System.nanoTime();
      long end = start + (phase == 0 ? 2 : seconds) * 1_000_000_000L;
      while (System.nanoTime() < end) {
        inputs.clear();
        for (int i = 0; i < batch; i++) {
          inputs.add(new EmbeddingEngine.Input.Text(TEXTS.get((int) ((count + i) % TEXTS.size()))));
        }
        engine.embed(inputs);
        count += batch;
      }
      if (phase == 1) {
        return count / ((System.nanoTime() - start) / 1e9);
      }
    }
    throw new AssertionError();
  }

  static double rawRate(RawOnnx raw, int batch, int seconds) throws Exception {
    var texts = new ArrayList<String>();
    long count = 0;
    long end = System.nanoTime() + 2_000_000_000L; // warm-up
    for (int phase = 0; phase < 2; phase++) {
      count = 0;
      long start = System.nanoTime();
      end = phase == 0 ? end : start + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        texts.clear();
        for (int i = 0; i < batch; i++) {
          texts.add(TEXTS.get((int) ((count + i) % TEXTS.size())));
        }
        raw.embed(texts);
        count += batch;
      }
      if (phase == 1) {
        return count / ((System.nanoTime() - start) / 1e9);
      }
    }
    throw new AssertionError();
  }

  /**
   * Embeddings/s from {@code clients} threads, each with its own kept-alive connection and one text
   * per request, as many independent clients would send them.
   */
  static double httpRate(int port, int clients, int seconds) throws Exception {
    var done = new AtomicLong();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        int offset = c;
        pool.submit(
            () -> {
              try (var connection = new KeepAliveConnection(port)) {
                long i = offset;
                while (System.nanoTime() < end) {
                  String text = TEXTS.get((int) (i++ % TEXTS.size()));
                  byte[] body = ("{\"input\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
                  var res = connection.post(PATH, "application/json", body);
                  if (res.status() != 200) {
                    throw new IllegalStateException("HTTP " + res.status());
                  }
                  done.incrementAndGet();
                }
              }
              return null;
            });
      }
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static List<String> texts() {
    var out = new ArrayList<String>();
    String[] subjects = {
      "The cat",
      "A developer",
      "The GPU",
      "Our homelab",
      "The model",
      "A server",
      "The reranker",
      "My laptop"
    };
    String[] verbs = {"quietly serves", "slowly computes", "happily embeds", "carefully ranks"};
    String[] objects = {
      "a batch of sentences.",
      "the nightly requests from the voice assistant.",
      "vectors for search.",
      "documents about cooking and travel."
    };
    for (String s : subjects) {
      for (String v : verbs) {
        for (String o : objects) {
          out.add(s + " " + v + " " + o);
        }
      }
    }
    return List.copyOf(out);
  }
}
