package dev.mixserve.gateway.cluster;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A worker's view of its head's plan: /-/plan every two seconds; when it places something else on
 * this worker's node (a node went down and what it held moved here), the worker runs that. While
 * the head cannot be reached, the worker keeps the last plan it had and says so once.
 */
public final class PlanFollower implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PlanFollower.class.getName());
  private static final Duration EVERY = Duration.ofSeconds(2);

  private final URI plan;
  private final java.util.function.Supplier<java.util.Optional<String>> key;
  private final Consumer<Placement> changed;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread thread;
  private volatile boolean open = true;
  private Placement last;
  private boolean unreachable;

  /**
   * @param key the cluster's key ({@link dev.mixserve.api.ClusterKey}), asked for on each poll so
   *     that a reload that turns keys on is followed
   */
  PlanFollower(
      URI head,
      java.util.function.Supplier<java.util.Optional<String>> key,
      Consumer<Placement> changed) {
    this.plan = URI.create(head.toString().replaceAll("/+$", "") + "/-/plan");
    this.key = key;
    this.changed = changed;
    this.thread = Thread.ofVirtual().name("mixserve-plan-follower").start(this::run);
  }

  private void run() {
    while (open) {
      try {
        poll();
        Thread.sleep(EVERY);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "following " + plan + ": " + e.getMessage(), e);
      }
    }
  }

  private void poll() throws InterruptedException {
    Placement p;
    try {
      var request = HttpRequest.newBuilder(plan).timeout(Duration.ofSeconds(5));
      key.get().ifPresent(k -> request.header("Authorization", "Bearer " + k));
      var res = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (res.statusCode() != 200) {
        throw new java.io.IOException("answered " + res.statusCode());
      }
      p = Placement.parse(res.body());
    } catch (java.io.IOException e) {
      if (!unreachable) {
        unreachable = true;
        LOG.log(Level.WARNING, "head " + plan + " unreachable (" + e + "); keeping the last plan");
      }
      return;
    }
    if (unreachable) {
      unreachable = false;
      LOG.log(Level.INFO, "head " + plan + " answers again");
    }
    if (!p.equals(last)) {
      last = p;
      changed.accept(p);
    }
  }

  @Override
  public void close() {
    open = false;
    thread.interrupt();
  }
}
