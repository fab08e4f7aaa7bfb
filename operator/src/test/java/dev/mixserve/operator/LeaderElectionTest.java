package dev.mixserve.operator;

import static dev.mixserve.operator.Cluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two operators on one API server: one leads and reconciles; when it stops, the other takes over.
 *
 * <p>The mock API server is made here rather than by {@code @EnableKubernetesMockClient}: closing
 * the many watches two operators open makes fabric8's mock server block its own event loop ({@code
 * WatchEventsListener.onClosed} awaits an executor), and its shutdown then times out now and then
 * ("Unable to close MockWebServer", also on an idle machine), which the extension reports as this
 * test's failure. Here the shutdown's timeout is the mock server's own matter.
 */
class LeaderElectionTest {
  /** How long fabric8's mock server may hold its event loop closing a watch, and a margin. */
  static final Duration MOCK_WATCH_CLOSE = Duration.ofSeconds(90);

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void start() {
    var responses = new HashMap<ServerRequest, Queue<ServerResponse>>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException e) {
      // "Unable to close MockWebServer": see above; every assertion ran before this
    }
  }

  /** Short terms, so that the takeover (a lease that lapses) fits in a test. */
  static Leadership leadership(String identity) {
    return new Leadership(
        "mixserve",
        identity,
        Duration.ofMillis(1500),
        Duration.ofMillis(1000),
        Duration.ofMillis(200),
        false);
  }

  @Test
  void oneLeadsAndTheOtherTakesOverWhenItStops() {
    // java-operator-sdk asks what it may do with Leases before it runs for leader
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .withIncomplete(false)
                .addNewResourceRule()
                .withApiGroups("coordination.k8s.io")
                .withResources("leases")
                .withVerbs("get", "create", "update")
                .endResourceRule()
                .endStatus()
                .build())
        .always();
    var a = Cluster.operator(client, Optional.of(leadership("operator-a")));
    await().atMost(WAIT).until(() -> a.metrics().leading());
    var b = Cluster.operator(client, Optional.of(leadership("operator-b")));
    try {
      assertThat(holder()).isEqualTo("operator-a");

      client
          .resource(Edits.aliasNamespace(Cluster.seed(client, "first"), "first-aliases"))
          .create();
      await().atMost(WAIT).until(() -> head("first"));
      assertThat(b.metrics().leading()).isFalse();
      assertThat(b.metrics().reconciles()).as("a follower reconciles nothing").isZero();

      a.close();
      // Closing a's watches can block the mock server's event loop for up to a minute (its
      // WatchEventsListener.onClosed awaits an executor for 1 min), and b's lease calls with it:
      // seen once in ~10 CI runs. The takeover itself takes ~2 s; the wait allows for the mock.
      await().atMost(MOCK_WATCH_CLOSE).until(() -> b.metrics().leading());
      assertThat(holder()).isEqualTo("operator-b");
      client
          .resource(Edits.aliasNamespace(Cluster.seed(client, "second"), "second-aliases"))
          .create();
      await().atMost(WAIT).until(() -> head("second"));
      assertThat(b.metrics().reconciles()).isPositive();
    } finally {
      a.close();
      b.close();
    }
  }

  private String holder() {
    Lease lease = client.leases().inNamespace("mixserve").withName(Leadership.LEASE).get();
    return lease.getSpec().getHolderIdentity();
  }

  private boolean head(String namespace) {
    return client.apps().deployments().inNamespace(namespace).withName("mixserve-head").get()
        != null;
  }
}
