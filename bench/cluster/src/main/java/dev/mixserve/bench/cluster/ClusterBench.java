package dev.mixserve.bench.cluster;

import dev.mixserve.bench.common.BenchArgs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What the cluster head costs over calling its worker directly (#17): embeddings from 32 clients
 * and SSE chat from 4 steady streams, each sent straight to the worker and through the head, in
 * alternating order within the same run, reported as head/direct throughput and added p99.
 *
 * <pre>
 * ./mixserve bench cluster [--seconds 5] [--rounds 4] [--model FILE.gguf]
 * </pre>
 */
public final class ClusterBench {
  private static final int CLIENTS = 32;
  private static final int STREAMS = 4;
  private static final int TOKENS = 128;
  static final BenchArgs ARGS =
      new BenchArgs("cluster", "What a head costs over calling its worker directly.")
          .option("--seconds", "S", BenchArgs.Kind.DECIMAL, "5", "length of each measurement")
          .option(
              "--rounds",
              "N",
              BenchArgs.Kind.INTEGER,
              "4",
              "rounds, each measuring both targets in ABBA order")
          .option(
              "--model",
              "FILE.gguf",
              BenchArgs.Kind.TEXT,
              "../shared/models/llm/stories260K.gguf",
              "GGUF for the chat case");

  private ClusterBench() {}

  /** One measurement of a round: which case, which target, and how to take it. */
  private record Step(Report report, boolean viaHead, Callable<Sample> take) {}

  public static void main(String[] args) throws Exception {
    var a = ARGS.parseOrExit(args);
    double seconds = a.decimal("--seconds");
    int rounds = a.integer("--rounds");
    Path model = Path.of(a.text("--model")).toAbsolutePath();
    if (!Files.isRegularFile(model)) {
      System.err.println("no model at " + model + "; give --model FILE.gguf");
      System.exit(2);
    }
    System.setProperty("de.kherud.llama.tmpdir", tmpdir().toString());
    // The servers' INFO lines (replicas running, sockets closed) would interleave with the rows.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    System.out.printf(
        "cluster head vs its worker called directly: %d cores, %s s per measurement, %d rounds"
            + " (odd rounds in reverse order)%n",
        Runtime.getRuntime().availableProcessors(), seconds, rounds);
    System.out.println(
        "head and worker run in this one JVM and share its cores with the load generator: the"
            + " honest worst case for a head beside its worker");
    System.out.println("load before: " + loadavg());
    try (var cluster = new Cluster(model, STREAMS)) {
      int direct = cluster.worker.port();
      int head = cluster.head.port();
      System.out.printf(
          "worker :%d, head :%d; X-Mixserve-Node direct=%s, through the head=%s%n",
          direct, head, node(direct), node(head));
      System.out.printf(
          "embeddings: BGE-small-en-v1.5 fp32, %d clients, one short text a request, kept-alive"
              + " connections%nchat: %s, %d steady SSE streams of up to %d tokens (/v1/completions),"
              + " latency = time to first event%n",
          CLIENTS, model.getFileName(), STREAMS, TOKENS);
      var embed = new Report("embeddings, " + CLIENTS + " clients", "req/s", "latency", rounds);
      var chat = new Report("SSE chat, " + STREAMS + " streams", "tok/s", "ttft", rounds);
      // Warm-up of every path: with 2 s each, round 1 still ran ~20% slower on both targets than
      // the rounds after it (the JIT compiling on the cores the servers need).
      for (int port : new int[] {direct, head}) {
        Embed.run(port, CLIENTS, 5);
        Chat.run(port, STREAMS, TOKENS, 3);
      }
      var steps =
          new ArrayList<>(
              List.of(
                  new Step(embed, false, () -> Embed.run(direct, CLIENTS, seconds)),
                  new Step(embed, true, () -> Embed.run(head, CLIENTS, seconds)),
                  new Step(chat, false, () -> Chat.run(direct, STREAMS, TOKENS, seconds)),
                  new Step(chat, true, () -> Chat.run(head, STREAMS, TOKENS, seconds))));
      for (int r = 0; r < rounds; r++) {
        // ABBA: a drift in the machine's speed (other tenants, CPU steal) falls on both targets
        // alike instead of always on the one measured last.
        if (r > 0) {
          Collections.reverse(steps);
        }
        for (Step s : steps) {
          s.report().add(r, s.viaHead(), s.take().call());
        }
      }
      embed.summary();
      chat.summary();
    }
    System.out.println("load after: " + loadavg());
    // The llama.cpp binding leaves a non-daemon native thread behind after close.
    System.exit(0);
  }

  /** The node that answered, from X-Mixserve-Node: the head's answers name the worker. */
  private static String node(int port) throws Exception {
    var req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/embeddings/v1/embeddings"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hello\"}"))
            .build();
    var res = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.discarding());
    return res.headers().firstValue("X-Mixserve-Node").orElse("(none)");
  }

  private static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "(no /proc/loadavg)";
    }
  }

  private static Path tmpdir() throws Exception {
    String given = System.getProperty("de.kherud.llama.tmpdir");
    Path p =
        given != null
            ? Path.of(given)
            : Path.of(System.getProperty("user.home"), ".cache", "mixserve", "native", "llama");
    return Files.createDirectories(p);
  }
}
