package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that dies (#17 item 3): a head and two workers on loopback. When worker a stops answering
 * for nodes_down_after, the head plans without it: what a held and b has room for moves to b (whose
 * worker starts it), what is pinned to a answers 503 with the scheduler's reason; when a comes
 * back, nothing moves back that need not.
 */
class FailoverIT {
  private static final String CONFIG =
      """
      server: {host: 127.0.0.1, port: %d, nodes_down_after: 2s}
      nodes:
        - {name: a, address: "http://127.0.0.1:%d", accelerators: [{vendor: nvidia, model: T4, memory: 16GiB}]}
        - {name: b, address: "http://127.0.0.1:%d", accelerators: [{vendor: nvidia, model: T4, memory: 16GiB}]}
      deployments:
        - {name: roams, task: embedding, engine: {kind: echo}, resources: {gpu: 0.5}}
        - {name: pinned, task: embedding, engine: {kind: echo}, resources: {gpu: 0.3}, placement: {node: a}}
        - {name: stays, task: chat, engine: {kind: echo}, resources: {gpu: 0.3}, placement: {node: b}}
      """;

  private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
  private LocalCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private ClusterIT.Heard embed(String deployment) throws Exception {
    return ClusterIT.send(
        cluster.url(),
        ClusterIT.Ask.json(null, "/" + deployment + "/v1/embeddings", "{\"input\":\"hello\"}"));
  }

  @Test
  void whatADeadNodeHeldMovesWhereItFitsAndStaysThereWhenTheNodeReturns() throws Exception {
    Path dir = Files.createTempDirectory("mixserve-failover-it");
    cluster =
        LocalCluster.start(
            dir,
            List.of("a", "b"),
            (head, ports) -> CONFIG.formatted(head, ports.get(0), ports.get(1)),
            log::add);
    assertThat(DemoCommand.awaitReady(cluster.url(), Duration.ofMinutes(2)))
        .as(String.join("\n", log))
        .isTrue();
    assertThat(embed("roams").node()).isEqualTo("a");
    assertThat(embed("pinned").node()).isEqualTo("a");

    cluster.process("a").destroyForcibly().waitFor();
    long killed = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> embed("roams").statusCode() == 200);
    long movedMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
    assertThat(embed("roams").node()).isEqualTo("b");
    var pinned = embed("pinned");
    assertThat(pinned.statusCode()).isEqualTo(503);
    assertThat(pinned.text()).contains("nodes down: a", "needs 300 milli-GPU on node a");
    System.out.printf("failover: served again from b %d ms after SIGKILL of a%n", movedMillis);

    cluster.startWorker("a");
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> embed("pinned").statusCode() == 200);
    assertThat(embed("pinned").node()).isEqualTo("a");
    assertThat(embed("roams").node()).as("nothing moves back that need not").isEqualTo("b");
  }
}
