package dev.mixserve.gateway.cluster;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Node;
import dev.mixserve.api.WorkerDiscovery;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The head's watch on its workers: each node with an address is asked for /-/healthz every second;
 * one that has not answered for {@code nodes_down_after} is down, and the head plans without it. A
 * worker that answers again is up again (its deployments stay where they went, unless they must
 * move). Static discovery: the addresses are the config's.
 */
public final class NodeWatch implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(NodeWatch.class.getName());
  private static final Duration EVERY = Duration.ofSeconds(1);

  private final Supplier<MixserveConfig> config;
  private final Supplier<WorkerDiscovery> workers;
  private final Duration downAfter;
  private final Consumer<Set<String>> changed;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Map<String, Long> lastAnswer = new HashMap<>();
  private final Thread thread;
  private volatile boolean open = true;
  private Set<String> down = Set.of();

  NodeWatch(
      Supplier<MixserveConfig> config,
      Supplier<WorkerDiscovery> workers,
      Duration downAfter,
      Consumer<Set<String>> changed) {
    this.config = config;
    this.workers = workers;
    this.downAfter = downAfter;
    this.changed = changed;
    this.thread = Thread.ofVirtual().name("mixserve-node-watch").start(this::run);
  }

  private void run() {
    while (open) {
      try {
        Thread.sleep(EVERY);
        check(System.nanoTime());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "node watch: " + e.getMessage(), e);
      }
    }
  }

  private void check(long now) {
    var nowDown = new TreeSet<String>();
    var discovery = workers.get();
    for (Node n : config.get().nodes()) {
      var address = discovery.address(n.name());
      if (address.isEmpty() && !discovery.dynamic()) {
        continue; // a node of this machine, or one the config gives no worker
      }
      long last = lastAnswer.computeIfAbsent(n.name(), k -> now); // a grace from the start
      if (address.isPresent() && answers(address.get())) {
        lastAnswer.put(n.name(), now);
      } else if (now - last > downAfter.toNanos()) {
        nowDown.add(n.name());
      }
    }
    if (!nowDown.equals(down)) {
      LOG.log(
          Level.WARNING,
          nowDown.isEmpty()
              ? "every worker answers again"
              : "workers not answering for "
                  + downAfter.toSeconds()
                  + " s: "
                  + nowDown
                  + "; planning without them");
      down = Set.copyOf(nowDown);
      changed.accept(down);
    }
  }

  private boolean answers(String address) {
    try {
      var res =
          client.send(
              HttpRequest.newBuilder(URI.create(address.replaceAll("/+$", "") + "/-/healthz"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return res.statusCode() == 200;
    } catch (java.io.IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    open = false;
    thread.interrupt();
  }
}
