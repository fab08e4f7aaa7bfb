package dev.mixserve.operator;

import static dev.mixserve.operator.Cluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two operators on one API server: one leads and reconciles; when it stops, the other takes over.
 */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {
  KubernetesMockServer server;
  KubernetesClient client;

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
      await().atMost(WAIT).until(() -> b.metrics().leading());
      assertThat(holder()).isEqualTo("operator-b");
      client
          .resource(Edits.aliasNamespace(Cluster.seed(client, "second"), "second-aliases"))
          .create();
      await().atMost(WAIT).until(() -> head("second"));
      assertThat(b.metrics().reconciles()).isPositive();
    } finally {
      a.close();
      b.close();
      // The operators' watches and lease renewals are connections of this shared client: closed
      // here, before the extension stops the mock server, whose shutdown otherwise waits for them
      // and times out on a loaded machine (CI, 2 cores: "Unable to close MockWebServer").
      client.close();
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
