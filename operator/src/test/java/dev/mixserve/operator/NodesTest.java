package dev.mixserve.operator;

import static dev.mixserve.operator.ChangesTest.condition;
import static dev.mixserve.operator.ChangesTest.deployed;
import static dev.mixserve.operator.ChangesTest.is;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.operator.crd.Finding;
import dev.mixserve.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator plans on the spec's nodes as the cluster's Nodes correct them: a Node whose GPU
 * labels or devices change moves the plan, the objects and the status without any spec change.
 */
@EnableKubernetesMockClient(crud = true)
class NodesTest {
  static KubernetesClient client;
  static MixServeOperator operator;

  @BeforeAll
  static void start() {
    for (Node n :
        List.of(
            SeedNodes.khelben(),
            SeedNodes.elminster("NVIDIA-GeForce-RTX-2070", "8192", "7", "5"),
            SeedNodes.drizzt(),
            SeedNodes.danilo())) {
      client.resource(n).create();
    }
    operator = Cluster.operator(client, Optional.empty());
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void aNodesGpuLabelsChangeThePlanAndTheStatus() {
    var cr =
        client.resource(Edits.aliasNamespace(Cluster.seed(client, "lab"), "lab-aliases")).create();
    var agreed = Cluster.awaitStatus(client, cr, r -> r.getStatus().deployments() != null);
    assertThat(agreed.getStatus().findings()).as("the Nodes say what the spec says").isNull();
    assertThat(deployed(agreed, "whisper").placement().getFirst().memory()).isEqualTo("4 GiB");
    long before = ChangesTest.memory(worker());

    // elminster's 2070 swapped for a 12 GiB 3060; GPU feature discovery relabels the Node
    client.resource(SeedNodes.elminster("NVIDIA-GeForce-RTX-3060", "12288", "8", "6")).update();
    var moved =
        Cluster.awaitStatus(
            client,
            cr,
            r -> deployed(r, "whisper").placement().getFirst().memory().equals("6 GiB"));
    assertThat(moved.getStatus().findings())
        .contains(
            new Finding(
                "elminster",
                "GpuMismatch",
                "nvidia sm_86 #0: declared 8 GiB, detected 12 GiB; using detected"));
    assertThat(deployed(moved, "tts").placement().getFirst().model())
        .isEqualTo("NVIDIA GeForce RTX 3060");
    assertThat(ChangesTest.memory(worker()))
        .as("its pod is sized for 12 GiB")
        .isGreaterThan(before);
    assertThat(config()).contains("model: NVIDIA GeForce RTX 3060");

    // khelben's device plugin reports no GPU left: /llm has nowhere to go
    var khelben = SeedNodes.khelben();
    khelben.getStatus().getAllocatable().put("amd.com/gpu", new Quantity("0"));
    client.resource(khelben).update();
    var refused = Cluster.awaitStatus(client, cr, r -> is(r, Conditions.PLACEMENT_FAILED, "True"));
    assertThat(condition(refused, Conditions.PLACEMENT_FAILED).getMessage())
        .startsWith("llm replica 0: ");
    assertThat(refused.getStatus().findings()).extracting(Finding::node).contains("khelben");
  }

  private static io.fabric8.kubernetes.api.model.apps.Deployment worker() {
    return client
        .apps()
        .deployments()
        .inNamespace("lab")
        .withName("mixserve-worker-elminster")
        .get();
  }

  private static String config() {
    return client
        .configMaps()
        .inNamespace("lab")
        .withName("mixserve-config")
        .get()
        .getData()
        .get("mixserve.yaml");
  }
}
