package dev.mixserve.bench.embeddings;

import dev.mixserve.api.engine.EmbeddingEngine;
import dev.mixserve.api.engine.EngineContext;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.core.EngineRegistry;
import dev.mixserve.gateway.MixserveServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

  public static void main(String[] args) throws Exception {
    int seconds = args.length == 2 && args[0].equals("--seconds") ? Integer.parseInt(args[1]) : 10;
    System.out.printf(
        "BGE-small-en-v1.5 fp32, %d cores, %d s per measurement%n",
        Runtime.getRuntime().availableProcessors(), seconds);
    double raw1;
    double raw32;
    try (var raw = new RawOnnx()) {
      raw1 = rawRate(raw, 1, seconds);
      raw32 = rawRate(raw, 32, seconds);
    }
    System.out.printf("raw ONNX Runtime, batch 1    %8.1f embeddings/s%n", raw1);
    System.out.printf("raw ONNX Runtime, batch 32   %8.1f embeddings/s%n", raw32);
    // The served engine called directly: tells the engine's own cost from what HTTP adds.
    try (var engine = engine()) {
      System.out.printf(
          "engine in-process, batch 1   %8.1f embeddings/s%n", engineRate(engine, 1, seconds));
      System.out.printf(
          "engine in-process, batch 32  %8.1f embeddings/s%n", engineRate(engine, 32, seconds));
    }
    var cfg =
        ConfigLoader.parse(
            """
        server: {host: 127.0.0.1, port: 0}
        deployments:
          - name: embeddings
            task: embedding
            engine: {kind: onnx-bert, model: "builtin:bge-small-en-v1.5"}
            batching: {max_batch_size: 32, max_wait: 2ms}
            limits: {max_ongoing_requests: 256, max_queued_requests: 1024}
        """,
            "bench");
    try (var server =
        MixserveServer.start(
            cfg, EngineRegistry.discover(), new EngineContext(Path.of("target"), Map.of()))) {
      server.loaded().get(120, TimeUnit.SECONDS);
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/embeddings/v1/embeddings");
      URI metrics = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
      double http1 = httpRate(uri, 1, seconds);
      String batches1 = meanBatch(metrics);
      double http32 = httpRate(uri, 32, seconds);
      String batches32 = meanBatch(metrics);
      System.out.printf("HTTP, 1 client               %8.1f embeddings/s  (%s)%n", http1, batches1);
      System.out.printf(
          "HTTP, 32 clients             %8.1f embeddings/s  (%s)%n", http32, batches32);
      System.out.printf("ratio HTTP 1 client / raw batch 1     %.2f%n", http1 / raw1);
      System.out.printf(
          "ratio HTTP 32 clients / raw batch 32  %.2f  (goal >= 0.90)%n", http32 / raw32);
    }
    System.exit(0);
  }

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

  static double httpRate(URI uri, int clients, int seconds) throws Exception {
    var client =
        HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    run(client, uri, clients, 2);
    return run(client, uri, clients, seconds);
  }

  static double run(HttpClient client, URI uri, int clients, int seconds) throws Exception {
    var done = new AtomicLong();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        int offset = c;
        pool.submit(
            () -> {
              long i = offset;
              while (System.nanoTime() < end) {
                String text = TEXTS.get((int) (i++ % TEXTS.size()));
                var req =
                    HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + text + "\"}"))
                        .build();
                var res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                if (res.statusCode() != 200) {
                  throw new IllegalStateException("HTTP " + res.statusCode());
                }
                done.incrementAndGet();
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
