package dev.mixserve.bench.cluster;

import dev.mixserve.bench.common.KeepAliveConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Embeddings load: {@code clients} threads, each on its own kept-alive connection, sending one
 * short text per request as soon as its last answer is read, as independent clients would.
 */
final class Embed {
  private static final String PATH = "/embeddings/v1/embeddings";
  private static final List<byte[]> BODIES = bodies();

  private Embed() {}

  static Sample run(int port, int clients, double seconds) throws Exception {
    var each = new ArrayList<Sample.Latencies>();
    for (int c = 0; c < clients; c++) {
      each.add(new Sample.Latencies());
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<java.util.concurrent.Future<?>>();
      for (int c = 0; c < clients; c++) {
        var mine = each.get(c);
        int offset = c;
        futures.add(
            pool.submit(
                () -> {
                  try (var connection = new KeepAliveConnection(port)) {
                    for (long i = offset; System.nanoTime() < end; i++) {
                      byte[] body = BODIES.get((int) (i % BODIES.size()));
                      long t0 = System.nanoTime();
                      var res = connection.post(PATH, "application/json", body);
                      if (res.status() != 200) {
                        throw new IllegalStateException(
                            "HTTP " + res.status() + ": " + new String(res.body()));
                      }
                      mine.add(System.nanoTime() - t0);
                    }
                  }
                  return null;
                }));
      }
      for (var f : futures) {
        f.get(); // a failed request fails the benchmark instead of thinning its numbers
      }
    }
    long[] all = Sample.Latencies.all(each);
    return Sample.of(all.length / ((System.nanoTime() - start) / 1e9), all);
  }

  // Short sentences (8-12 tokens), as a search box or a chat memory sends them.
  private static List<byte[]> bodies() {
    String[] subjects = {"The cat", "A developer", "The GPU", "Our homelab", "The model"};
    String[] verbs = {"quietly serves", "slowly computes", "happily embeds", "carefully ranks"};
    String[] objects = {"a batch of sentences.", "vectors for search.", "the nightly requests."};
    var out = new ArrayList<byte[]>();
    for (String s : subjects) {
      for (String v : verbs) {
        for (String o : objects) {
          String json = "{\"input\":\"" + s + " " + v + " " + o + "\"}";
          out.add(json.getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return List.copyOf(out);
  }
}
