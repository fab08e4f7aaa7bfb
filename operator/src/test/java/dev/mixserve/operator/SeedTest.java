package dev.mixserve.operator;

import static dev.mixserve.operator.Cluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mixserve.config.ConfigLoader;
import dev.mixserve.k8s.ClusterManifests;
import dev.mixserve.k8s.RenderOptions;
import dev.mixserve.operator.crd.DeploymentStatus;
import dev.mixserve.operator.crd.MixServe;
import dev.mixserve.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's resource on the mock API server with the operator running: the same objects as {@code
 * render k8s examples/homelab.yaml}, owned by the resource, and a status that names where each
 * replica went and what is ready.
 */
@EnableKubernetesMockClient(crud = true)
class SeedTest {
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

  @Test
  void theSeedIsTheObjectsRenderPrintsAndItsStatusNamesThePlacement() throws Exception {
    MixServe cr = client.resource(Cluster.seed(client, "mixserve")).create();
    var rendered =
        ClusterManifests.render(
                ConfigLoader.load(Path.of("../examples/homelab.yaml")),
                Files.readString(Path.of("../examples/homelab.yaml")),
                new RenderOptions("mixserve", Cluster.IMAGE, false))
            .objects();
    await()
        .atMost(WAIT)
        .until(() -> rendered.stream().allMatch(o -> client.resource(o).get() != null));

    for (HasMetadata want : rendered) {
      HasMetadata got = client.resource(want).get();
      assertThat(comparable(got))
          .as(want.getKind() + "/" + want.getMetadata().getName())
          .isEqualTo(comparable(want));
      if ("mixserve".equals(got.getMetadata().getNamespace())) {
        assertThat(got.getMetadata().getOwnerReferences())
            .singleElement()
            .satisfies(r -> assertThat(r.getUid()).isEqualTo(cr.getMetadata().getUid()))
            .satisfies(r -> assertThat(r.getController()).isTrue());
      }
    }
    assertThat(client.services().inNamespace("ai-ml").list().getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "llm-predictor",
            "whisper-predictor",
            "tts-predictor",
            "embeddings-predictor",
            "reranker-predictor");
    assertThat(worker("elminster").getSpec().getTemplate().getSpec().getNodeSelector())
        .isEqualTo(Map.of("kubernetes.io/hostname", "elminster", "site", "homelab"));
    assertThat(limits("elminster")).containsKey("nvidia.com/gpu");
    assertThat(limits("khelben")).containsKey("amd.com/gpu");
    assertThat(limits("drizzt")).containsKey("amd.com/gpu");
    assertThat(limits("danilo")).containsKey("gpu.intel.com/i915");

    var placed = Cluster.awaitStatus(client, cr, r -> r.getStatus().deployments() != null);
    assertThat(placed.getStatus().deployments())
        .extracting(DeploymentStatus::name, d -> d.placement().getFirst().node())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("llm", "khelben"),
            org.assertj.core.groups.Tuple.tuple("whisper", "elminster"),
            org.assertj.core.groups.Tuple.tuple("tts", "elminster"),
            org.assertj.core.groups.Tuple.tuple("embeddings", "drizzt"),
            org.assertj.core.groups.Tuple.tuple("reranker", "danilo"));
    assertThat(placed.getStatus().deployments().getFirst().placement().getFirst())
        .isEqualTo(
            new DeploymentStatus.Placement(0, "khelben", 0, "Strix Halo", "0.95", "60.8 GiB"));
    assertThat(placed.getStatus().deploymentsReady()).isEqualTo("0/5");

    Cluster.allReady(client, "mixserve");
    var ready =
        Cluster.awaitStatus(
            client,
            cr,
            r ->
                Conditions.find(r.getStatus().conditions(), Conditions.READY)
                    .map(c -> c.getStatus().equals("True"))
                    .orElse(false));
    assertThat(ready.getStatus().deploymentsReady()).isEqualTo("5/5");
    assertThat(ready.getStatus().endpoint())
        .isEqualTo("http://ai-inference-serve-svc.mixserve.svc.cluster.local:8000");
    assertThat(ready.getStatus().observedGeneration()).isEqualTo(1L);
    String table = KubectlTable.print(List.of(ready), Instant.now());
    Files.writeString(Path.of("target/kubectl-get-ms.txt"), table);
    System.out.print("$ kubectl get ms -n mixserve\n" + table);
    assertThat(table)
        .startsWith("NAME ")
        .contains("READY", "DEPLOYMENTS", "ENDPOINT", "AGE")
        .contains("homelab   True    5/5");
  }

  private static Deployment worker(String node) {
    return client
        .apps()
        .deployments()
        .inNamespace("mixserve")
        .withName("mixserve-worker-" + node)
        .get();
  }

  private static Map<String, ?> limits(String node) {
    return worker(node)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .getFirst()
        .getResources()
        .getLimits();
  }

  /** The object as its author wrote it: without what the API server and the owner add. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> comparable(HasMetadata o) {
    Map<String, Object> tree = client.getKubernetesSerialization().convertValue(o, Map.class);
    tree.remove("status");
    var meta = (Map<String, Object>) tree.get("metadata");
    for (String k :
        List.of(
            "resourceVersion",
            "uid",
            "creationTimestamp",
            "generation",
            "ownerReferences",
            "managedFields",
            "finalizers")) {
      meta.remove(k);
    }
    return tree;
  }
}
