package dev.mixserve.operator;

import static dev.mixserve.operator.Cluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.operator.crd.DeploymentStatus;
import dev.mixserve.operator.crd.MixServe;
import dev.mixserve.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spec changes and deletion with the operator running: each test has its own namespace and alias
 * namespace, so that the resources of one class never share an object.
 */
@EnableKubernetesMockClient(crud = true)
class ChangesTest {
  static KubernetesClient client;
  static MixServeOperator operator;

  @BeforeAll
  static void start() {
    operator = Cluster.operator(client, Optional.empty());
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  /** The seed in {@code ns}, created, its workloads ready. */
  static MixServe serving(String ns) {
    var cr =
        client.resource(Edits.aliasNamespace(Cluster.seed(client, ns), ns + "-aliases")).create();
    await().atMost(WAIT).until(() -> deployments(ns) == 5);
    Cluster.allReady(client, ns);
    return Cluster.awaitStatus(client, cr, ChangesTest::settled);
  }

  /** Serving the current spec with nothing left to roll: no status write is on its way. */
  static boolean settled(MixServe r) {
    return is(r, Conditions.READY, "True") && is(r, Conditions.PROGRESSING, "False");
  }

  @Test
  void aShareChangeWithoutRoomSwapsItsWorkerAndTheRestKeepServing() {
    var cr = serving("share");
    var head = deployment("share", "mixserve-head");
    var before = deployment("share", "mixserve-worker-elminster");

    // whisper and tts fill elminster's 2070: 0.4 cannot load beside the running 0.5
    Cluster.edit(client, cr, r -> Edits.share(r, "whisper", 0.4));
    var after =
        await()
            .atMost(WAIT)
            .until(
                () -> deployment("share", "mixserve-worker-elminster"),
                d -> !d.getSpec().equals(before.getSpec()));
    assertThat(memory(after)).as("its share of the 8 GiB went down").isLessThan(memory(before));
    assertThat(after.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(deployment("share", "mixserve-head").getMetadata().getResourceVersion())
        .as("the head was not touched: it keeps serving the endpoint")
        .isEqualTo(head.getMetadata().getResourceVersion());
    assertThat(client.configMaps().inNamespace("share").withName("mixserve-config").get().getData())
        .extractingByKey("mixserve.yaml")
        .asString()
        .contains("gpu: 0.4");

    Cluster.swapping(client, after);
    var swapping = Cluster.awaitStatus(client, cr, r -> is(r, Conditions.READY, "False"));
    assertThat(condition(swapping, Conditions.PROGRESSING).getMessage())
        .isEqualTo("waiting for mixserve-worker-elminster (swap: the old pod drains first)");
    assertThat(deployed(swapping, "whisper").placement().getFirst().share()).isEqualTo("0.4");
    assertThat(deployed(swapping, "whisper").readyReplicas()).isZero();
    assertThat(deployed(swapping, "llm").readyReplicas()).as("other nodes serve on").isOne();

    Cluster.ready(client, after);
    var done =
        Cluster.awaitStatus(
            client,
            cr,
            r -> is(r, Conditions.READY, "True") && is(r, Conditions.PROGRESSING, "False"));
    assertThat(done.getStatus().observedGeneration()).isEqualTo(2L);
  }

  @Test
  void aShareChangeWithRoomRunsOldAndNewSideBySideUntilTheNewIsReady() {
    var cr =
        client
            .resource(Edits.dra(Edits.aliasNamespace(Cluster.seed(client, "room"), "room-aliases")))
            .create();
    await().atMost(WAIT).until(() -> deployments("room") == 5);
    Cluster.allReady(client, "room");
    Cluster.awaitStatus(client, cr, ChangesTest::settled);
    var before = deployment("room", "mixserve-worker-drizzt");

    // drizzt's 680M runs embeddings at 0.8: 0.15 loads beside it; elminster has no room
    Cluster.edit(client, cr, r -> Edits.share(Edits.share(r, "embeddings", 0.15), "whisper", 0.4));
    var drizzt =
        await()
            .atMost(WAIT)
            .until(
                () -> deployment("room", "mixserve-worker-drizzt"),
                d -> !d.getSpec().getTemplate().equals(before.getSpec().getTemplate()));
    assertThat(drizzt.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(drizzt.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isOne();
    assertThat(drizzt.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
    assertThat(deployment("room", "mixserve-worker-elminster").getSpec().getStrategy().getType())
        .isEqualTo("Recreate");

    Cluster.surging(client, drizzt);
    Cluster.ready(client, deployment("room", "mixserve-worker-elminster"));
    var rolling =
        Cluster.awaitStatus(
            client,
            cr,
            r ->
                is(r, Conditions.PROGRESSING, "True")
                    && condition(r, Conditions.PROGRESSING)
                        .getMessage()
                        .equals("waiting for mixserve-worker-drizzt (old and new side by side)"));
    assertThat(condition(rolling, Conditions.READY).getStatus())
        .as("the old pod serves embeddings until the new one is ready")
        .isEqualTo("True");
    assertThat(deployed(rolling, "embeddings").readyReplicas()).isOne();

    Cluster.ready(client, drizzt);
    Cluster.awaitStatus(client, cr, r -> is(r, Conditions.PROGRESSING, "False"));
    assertThat(deployment("room", "mixserve-worker-drizzt").getSpec().getStrategy().getType())
        .as("a later pass keeps the rollout it started")
        .isEqualTo("RollingUpdate");
  }

  @Test
  void aDeploymentThatNoLongerFitsIsRefusedWithTheReasonAndTheRestServe() {
    var cr = serving("full");
    Cluster.edit(client, cr, r -> Edits.share(r, "tts", 0.6)); // whisper holds 0.5 of elminster

    var refused = Cluster.awaitStatus(client, cr, r -> is(r, Conditions.PLACEMENT_FAILED, "True"));
    assertThat(condition(refused, Conditions.PLACEMENT_FAILED).getMessage())
        .startsWith("tts replica 0: ")
        .contains("elminster");
    assertThat(deployed(refused, "tts").refused()).singleElement().asString().contains("600");
    assertThat(condition(refused, Conditions.DEGRADED).getReason()).isEqualTo("PlacementFailed");
    assertThat(condition(refused, Conditions.READY).getStatus()).isEqualTo("False");

    // elminster's worker lost tts, so its pod is replaced with one sized for whisper alone
    Cluster.allReady(client, "full");
    var rest = Cluster.awaitStatus(client, cr, r -> r.getStatus().deploymentsReady().equals("4/5"));
    for (String d : new String[] {"llm", "whisper", "embeddings", "reranker"}) {
      assertThat(deployed(rest, d).readyReplicas()).as(d).isEqualTo(1);
    }
    assertThat(deployed(rest, "tts").readyReplicas()).isZero();
    assertThat(condition(rest, Conditions.PLACEMENT_FAILED).getStatus()).isEqualTo("True");
    assertThat(deployments("full")).as("every worker still has a deployment to serve").isEqualTo(5);
  }

  @Test
  void anInvalidSpecIsAConditionAndTouchesNothing() {
    var cr = serving("bad");
    var head = deployment("bad", "mixserve-head");
    Cluster.edit(client, cr, r -> Edits.share(r, "llm", 2));

    var bad = Cluster.awaitStatus(client, cr, r -> is(r, Conditions.DEGRADED, "True"));
    assertThat(condition(bad, Conditions.DEGRADED).getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(bad, Conditions.DEGRADED).getMessage())
        .startsWith("spec.deployments[0].resources.gpu: ")
        .contains("'2'");
    assertThat(deployment("bad", "mixserve-head").getMetadata().getResourceVersion())
        .isEqualTo(head.getMetadata().getResourceVersion());
    assertThat(deployed(bad, "llm").placement().getFirst().share())
        .as("the last valid spec's placement still runs")
        .isEqualTo("0.95");
  }

  @Test
  void deletionRemovesEverythingTheAliasesAndTheClusterRbacIncluded() {
    var cr = serving("gone");
    assertThat(client.services().inNamespace("gone-aliases").list().getItems()).hasSize(5);
    assertThat(client.rbac().clusterRoles().withName("mixserve-gone-nodes").get()).isNotNull();

    client.resource(cr).delete();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(client.resource(cr).get()).isNull();
              assertThat(client.apps().deployments().inNamespace("gone").list().getItems())
                  .isEmpty();
              assertThat(client.services().inNamespace("gone").list().getItems()).isEmpty();
              assertThat(client.configMaps().inNamespace("gone").list().getItems()).isEmpty();
              assertThat(client.serviceAccounts().inNamespace("gone").list().getItems()).isEmpty();
              assertThat(client.rbac().roles().inNamespace("gone").list().getItems()).isEmpty();
              assertThat(client.rbac().roleBindings().inNamespace("gone").list().getItems())
                  .isEmpty();
              assertThat(client.services().inNamespace("gone-aliases").list().getItems()).isEmpty();
              assertThat(client.rbac().clusterRoles().withName("mixserve-gone-nodes").get())
                  .isNull();
              assertThat(client.rbac().clusterRoleBindings().withName("mixserve-gone-nodes").get())
                  .isNull();
            });
  }

  private static int deployments(String ns) {
    return client.apps().deployments().inNamespace(ns).list().getItems().size();
  }

  private static Deployment deployment(String ns, String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  static long memory(Deployment d) {
    return d.getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .getFirst()
        .getResources()
        .getLimits()
        .get("memory")
        .getNumericalAmount()
        .longValue();
  }

  static boolean is(MixServe r, String type, String status) {
    return Conditions.find(r.getStatus().conditions(), type)
        .map(
            c ->
                c.getStatus().equals(status)
                    && c.getObservedGeneration().equals(r.getMetadata().getGeneration()))
        .orElse(false);
  }

  static Condition condition(MixServe r, String type) {
    return Conditions.find(r.getStatus().conditions(), type).orElseThrow();
  }

  static DeploymentStatus deployed(MixServe r, String name) {
    return r.getStatus().deployments().stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
