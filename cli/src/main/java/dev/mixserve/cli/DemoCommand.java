package dev.mixserve.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mixserve demo cluster}: the seed's head and four workers on this machine, to watch. */
@Command(
    name = "demo",
    description =
        "Run the seed's cluster on this machine: a head and four workers (khelben, elminster,"
            + " drizzt, danilo) as separate processes on loopback, CPU engines standing in.")
final class DemoCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "WHAT", description = "What to run: cluster")
  String what;

  @Option(
      names = "--model",
      paramLabel = "GGUF",
      description = "The chat model standing in for vLLM (default: ${DEFAULT-VALUE}).",
      defaultValue = "../shared/models/llm/stories260K.gguf")
  Path model;

  @Option(names = "--quiet", description = "Do not print the processes' own output.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (!what.equals("cluster")) {
      System.err.println("error: unknown demo '" + what + "'; expected cluster");
      return 2;
    }
    if (!Files.isRegularFile(model)) {
      System.err.println("error: no model at " + model + "; give --model FILE.gguf");
      return 5;
    }
    Path dir = Files.createTempDirectory("mixserve-demo-");
    var cluster = LocalCluster.start(dir, model, this::print);
    // Ctrl-C ends this JVM; the five processes go with it, not after it
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "demo-stop"));
    {
      System.out.println("config: " + cluster.config());
      for (String n : LocalCluster.NODES) {
        System.out.println("worker " + n + ": " + cluster.workerUrl(n));
      }
      System.out.println("head: " + cluster.url() + "  (waiting until /-/ready answers 200)");
      if (!awaitReady(cluster.url(), Duration.ofMinutes(3))) {
        System.err.println("error: the head did not become ready within 3 minutes");
        return 1;
      }
      System.out.println(
          "ready. Try: curl -s "
              + cluster.url()
              + "/-/status | less   curl -si "
              + cluster.url()
              + "/embeddings/v1/embeddings -d '{\"input\":\"hi\"}' (see X-Mixserve-Node)."
              + " Ctrl-C stops all five.");
      new java.util.concurrent.CountDownLatch(1).await(); // until Ctrl-C
    }
    return 0;
  }

  private void print(String line) {
    if (!quiet) {
      System.out.println(line);
    }
  }

  static boolean awaitReady(String url, Duration within) throws InterruptedException {
    var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long end = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < end) {
      try {
        var res =
            client.send(
                HttpRequest.newBuilder(URI.create(url + "/-/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (res.statusCode() == 200) {
          return true;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    return false;
  }
}
