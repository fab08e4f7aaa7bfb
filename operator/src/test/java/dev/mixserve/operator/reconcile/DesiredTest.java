package dev.mixserve.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.api.Vendor;
import dev.mixserve.config.ConfigLoader;
import dev.mixserve.k8s.nodes.ClusterInventory;
import dev.mixserve.k8s.nodes.NodeFinding;
import dev.mixserve.operator.crd.MixServe;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A resource's spec means what the same keys mean in a config file. */
class DesiredTest {
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  static MixServe resource(String yaml) {
    var cr = JSON.unmarshal(yaml, MixServe.class);
    cr.getMetadata().setNamespace("lab");
    return cr;
  }

  static MixServe seed() throws Exception {
    return resource(Files.readString(Path.of("../examples/homelab-cr.yaml")));
  }

  @Test
  void theSeedsSpecIsTheSeedsConfigFile() throws Exception {
    var file = ConfigLoader.load(Path.of("../examples/homelab.yaml"));
    var valid = (Desired.Valid) Desired.of(seed(), NodeInventory.DECLARED, "mixserve:test");
    assertThat(valid.config().server()).isEqualTo(file.server());
    assertThat(valid.config().deployments()).isEqualTo(file.deployments());
    assertThat(valid.config().nodes())
        .as("the same nodes; the file's addresses are for a cluster without Kubernetes")
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("address")
        .isEqualTo(file.nodes());
  }

  @Test
  void whatTheLoaderChecksIsAConditionNamingTheSpecsPath() {
    var bad =
        resource(
            """
            apiVersion: mixserve.dev/v1alpha1
            kind: MixServe
            metadata: {name: lab}
            spec:
              deployments:
                - {name: e, task: embedding, engine: {kind: echo}, resources: {gpu: 2}}
            """);
    assertThat(Desired.of(bad, NodeInventory.DECLARED, "img"))
        .isInstanceOfSatisfying(
            Desired.Invalid.class,
            i ->
                assertThat(i.message())
                    .startsWith(
                        "spec.deployments[0].resources.gpu: a GPU share must be above 0 and at"
                            + " most 1 (1000m), got '2'"));
  }

  @Test
  void freeFormValuesPassThroughAsTheFileWouldHaveThem() {
    var cr =
        resource(
            """
            apiVersion: mixserve.dev/v1alpha1
            kind: MixServe
            metadata: {name: lab}
            spec:
              server: {front: on}
              deployments:
                - name: chat
                  task: chat
                  engine: {kind: echo, options: {delay: 5ms, nested: {list: [1, 2]}}}
                  replicas: {min: 0, max: 3}
                  process: {}
                  resources: {memory: 2GiB, cpu: 500m}
            """);
    var valid = (Desired.Valid) Desired.of(cr, NodeInventory.DECLARED, "img");
    var chat = valid.config().deployments().getFirst();
    assertThat(chat.engine().options())
        .isEqualTo(Map.of("delay", "5ms", "nested", Map.of("list", List.of(1L, 2L))));
    assertThat(chat.autoscaling().max()).isEqualTo(3);
    assertThat(chat.resources().memoryBytes()).isEqualTo(2L << 30);
    assertThat(valid.config().server().front().name()).isEqualTo("ON");
  }

  @Test
  void anInventorysNodesArePlannedWithAndWrittenToTheConfigTheHeadReads() throws Exception {
    var bigger =
        new Node(
            "elminster",
            "",
            Map.of("site", "homelab"),
            List.of(new Accelerator(Vendor.NVIDIA, "RTX 4090", "sm_89", 24L << 30, false, 0)));
    NodeInventory cluster =
        declared ->
            new ClusterInventory(
                declared.stream().map(n -> n.name().equals("elminster") ? bigger : n).toList(),
                List.of(new NodeFinding("elminster", NodeFinding.Kind.DISAGREES, "RTX 4090")));
    var valid = (Desired.Valid) Desired.of(seed(), cluster, "img");
    assertThat(valid.config().nodes().get(1).accelerators().getFirst().model())
        .isEqualTo("RTX 4090");
    assertThat(valid.findings()).hasSize(1);
    var configMap =
        valid.rendered().objects().stream()
            .filter(ConfigMap.class::isInstance)
            .map(ConfigMap.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(configMap.getData().get("mixserve.yaml")).contains("model: RTX 4090");
  }
}
