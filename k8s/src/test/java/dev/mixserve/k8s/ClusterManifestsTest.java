package dev.mixserve.k8s;

import static dev.mixserve.k8s.SeedManifestsTest.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mixserve.config.ConfigLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterManifestsTest {
  static List<HasMetadata> render(String config, RenderOptions options) {
    return Decoded.parse(
        ClusterManifests.render(ConfigLoader.parse(config, "t"), config, options).yaml());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void kubectlDecodesEveryObjectOfTheSeedOffline(boolean dra) throws Exception {
    assumeTrue(Decoded.kubectl(), "kubectl is not installed");
    String yaml = SeedManifestsTest.render(new RenderOptions("mixserve", "mixserve:test", dra));
    String out = Decoded.kubectlDecode(yaml);
    int objects = Decoded.documents(yaml).size();
    assertThat(out.split("decoded: \"?yes\"?", -1)).hasSize(objects + 1);
    assertThat(out).contains("kind: Deployment", "kind: ClusterRole", "nvidia.com/gpu");
    if (dra) {
      assertThat(out).contains("apiVersion: resource.k8s.io/v1", "kind: ResourceClaim");
    }
  }

  @Test
  void theHeadMayOnlyReadWhatDiscoveryNeeds() {
    var all = Decoded.parse(SeedManifestsTest.render(SeedManifestsTest.OPTIONS));
    var role = find(all, Role.class, "mixserve-head");
    assertThat(role.getRules())
        .extracting(r -> r.getApiGroups() + " " + r.getResources() + " " + r.getVerbs())
        .containsExactly(
            "[discovery.k8s.io] [endpointslices] [get, list, watch]",
            "[] [pods, services] [get, list, watch]");
    var binding = find(all, RoleBinding.class, "mixserve-head");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo("mixserve-head");
              assertThat(s.getNamespace()).isEqualTo("mixserve");
            });
    var nodes = find(all, ClusterRole.class, "mixserve-mixserve-nodes");
    assertThat(nodes.getRules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getResources()).containsExactly("nodes");
              assertThat(r.getVerbs()).containsExactly("get", "list", "watch");
            });
    var nodesBinding = find(all, ClusterRoleBinding.class, "mixserve-mixserve-nodes");
    assertThat(nodesBinding.getRoleRef().getName()).isEqualTo("mixserve-mixserve-nodes");
    assertThat(nodesBinding.getSubjects().getFirst().getNamespace()).isEqualTo("mixserve");
  }

  @Test
  void draModeClaimsEachGpuOnceAndTheWorkerPodSharesItsClaim() {
    var all =
        Decoded.parse(
            SeedManifestsTest.render(new RenderOptions("mixserve", "mixserve:test", true)));
    assertThat(all.stream().filter(ResourceClaim.class::isInstance))
        .extracting(o -> o.getMetadata().getName())
        .containsExactly(
            "mixserve-gpu-khelben-0",
            "mixserve-gpu-elminster-0",
            "mixserve-gpu-drizzt-0",
            "mixserve-gpu-danilo-0");
    var claim = find(all, ResourceClaim.class, "mixserve-gpu-elminster-0");
    assertThat(claim.getApiVersion()).isEqualTo("resource.k8s.io/v1");
    var request = claim.getSpec().getDevices().getRequests().getFirst();
    assertThat(request.getExactly().getDeviceClassName()).isEqualTo("gpu.nvidia.com");
    assertThat(request.getExactly().getCount()).isEqualTo(1L);
    assertThat(request.getExactly().getSelectors()).isNullOrEmpty(); // one GPU on the node
    assertThat(find(all, ResourceClaim.class, "mixserve-gpu-danilo-0").getSpec())
        .satisfies(
            s ->
                assertThat(
                        s.getDevices().getRequests().getFirst().getExactly().getDeviceClassName())
                    .isEqualTo("gpu.intel.com"));

    var worker = find(all, Deployment.class, "mixserve-worker-elminster");
    assertThat(worker.getMetadata().getAnnotations())
        .containsEntry("mixserve.dev/deployments", "whisper,tts");
    var pod = worker.getSpec().getTemplate().getSpec();
    assertThat(pod.getResourceClaims())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getName()).isEqualTo("gpu-0");
              assertThat(c.getResourceClaimName()).isEqualTo("mixserve-gpu-elminster-0");
            });
    var resources = pod.getContainers().getFirst().getResources();
    assertThat(resources.getClaims())
        .singleElement()
        .satisfies(c -> assertThat(c.getName()).isEqualTo("gpu-0"));
    assertThat(resources.getLimits()).containsOnlyKeys("memory"); // no device plugin resource
  }

  static final String TWO_NODES =
      """
      nodes:
        - name: battle
          labels: {kubernetes.io/hostname: battle-01.lan, pool: arc}
          accelerators:
            - {vendor: intel, model: Arc B580, arch: xe2-hpg, memory: 12GiB}
        - name: twin
          accelerators:
            - {vendor: nvidia, model: RTX 3090, arch: sm_86, memory: 24GiB, index: 0}
            - {vendor: nvidia, model: RTX 3090, arch: sm_86, memory: 24GiB, index: 1}
      deployments:
        - {name: a, task: embedding, engine: {kind: tei, model: x}, resources: {gpu: 0.5},
           placement: {node: battle}}
        - {name: b, task: chat, engine: {kind: vllm, model: y}, resources: {gpu: 1},
           replicas: 2, placement: {node: twin}}
        - {name: idle, task: chat, engine: {kind: vllm, model: z}, replicas: 0}
      """;

  @Test
  void xe2TakesTheXeResourceAHostnameLabelWinsAndTwoGpusAreTwoDevices() {
    var plain = render(TWO_NODES, new RenderOptions("ai", "img", false));
    var battle = find(plain, Deployment.class, "mixserve-worker-battle").getSpec().getTemplate();
    assertThat(battle.getSpec().getNodeSelector())
        .isEqualTo(Map.of("kubernetes.io/hostname", "battle-01.lan", "pool", "arc"));
    assertThat(battle.getSpec().getContainers().getFirst().getResources().getLimits())
        .containsEntry("gpu.intel.com/xe", new Quantity("1"));
    var twin = find(plain, Deployment.class, "mixserve-worker-twin").getSpec().getTemplate();
    assertThat(twin.getSpec().getContainers().getFirst().getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("2"));

    var dra = render(TWO_NODES, new RenderOptions("ai", "img", true));
    var second = find(dra, ResourceClaim.class, "mixserve-gpu-twin-1");
    assertThat(second.getSpec().getDevices().getRequests().getFirst().getExactly().getSelectors())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getCel().getExpression())
                    .isEqualTo("device.attributes[\"gpu.nvidia.com\"].index == 1"));
    var pod = find(dra, Deployment.class, "mixserve-worker-twin").getSpec().getTemplate();
    assertThat(pod.getSpec().getResourceClaims())
        .extracting(c -> c.getName() + "=" + c.getResourceClaimName())
        .containsExactly("gpu-0=mixserve-gpu-twin-0", "gpu-1=mixserve-gpu-twin-1");
  }

  @Test
  void withKeysOnEveryMemberReadsTheClusterKeyFromItsSecret() throws Exception {
    String keys =
        "auth:\n  keys:\n    - {name: ops, sha256: %s, scopes: [\"*\"], admin: true}\n"
            .formatted("ab".repeat(32));
    var on =
        ClusterManifests.render(
            ConfigLoader.parse(TWO_NODES + keys, "t"),
            TWO_NODES + keys,
            new RenderOptions("ai", "img", false));
    assertThat(on.clusterKey()).isTrue();
    var deployments =
        Decoded.parse(on.yaml()).stream()
            .filter(o -> o instanceof Deployment)
            .map(o -> (Deployment) o)
            .toList();
    assertThat(deployments).hasSizeGreaterThan(1);
    for (Deployment d : deployments) {
      var env = d.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
      assertThat(env)
          .filteredOn(e -> e.getName().equals("MIXSERVE_CLUSTER_KEY"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo(ClusterKeySecret.NAME);
                assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("key");
              });
    }
    if (Decoded.kubectl()) {
      assertThat(Decoded.kubectlDecode(on.yaml())).contains("secretKeyRef");
    }
    // no Secret printed: each rendering would carry another key
    assertThat(on.objects()).noneMatch(o -> o instanceof io.fabric8.kubernetes.api.model.Secret);

    var off =
        ClusterManifests.render(
            ConfigLoader.parse(TWO_NODES, "t"), TWO_NODES, new RenderOptions("ai", "img", false));
    assertThat(off.clusterKey()).isFalse();
    assertThat(off.yaml()).doesNotContain("MIXSERVE_CLUSTER_KEY");
    String alone = "deployments:\n  - {name: e, task: embedding, engine: {kind: echo}}\n" + keys;
    assertThat(
            ClusterManifests.render(
                    ConfigLoader.parse(alone, "t"), alone, new RenderOptions("ai", "img", false))
                .clusterKey())
        .as("a head without workers calls no member")
        .isFalse();
  }

  @Test
  void withoutNodesTheHeadServesEverythingAndIsSizedForIt() {
    String config =
        """
        deployments:
          - {name: e, task: embedding, engine: {kind: echo}, replicas: 2}
          - {name: l, task: chat, engine: {kind: echo}, resources: {memory: 3GiB}}
        """;
    var all = render(config, new RenderOptions("solo", "img", false));
    assertThat(all).noneMatch(o -> o.getMetadata().getName().startsWith("mixserve-worker"));
    var head = find(all, Deployment.class, "mixserve-head").getSpec().getTemplate().getSpec();
    assertThat(head.getContainers().getFirst().getResources().getLimits())
        .containsEntry("memory", new Quantity("6Gi")); // 1 + 2 x 1 + 3
  }

  @Test
  void aLoopbackNodeIsTheHeadsOwnAndGetsNoWorker() {
    String config =
        """
        nodes:
          - {name: Local_Box, address: "http://127.0.0.1:8000", accelerators: [{vendor: cpu}]}
        deployments:
          - {name: e, task: embedding, engine: {kind: echo}}
          - {name: r, task: rerank, engine: {kind: echo}, resources: {memory: 2GiB}}
        """;
    var all = render(config, new RenderOptions("solo", "img", false));
    assertThat(all).noneMatch(o -> o.getMetadata().getName().startsWith("mixserve-worker"));
    var head = find(all, Deployment.class, "mixserve-head").getSpec().getTemplate().getSpec();
    assertThat(head.getContainers().getFirst().getResources().getLimits())
        .containsEntry("memory", new Quantity("4Gi")); // 1 + 1 + 2
    var cm = find(all, io.fabric8.kubernetes.api.model.ConfigMap.class, "mixserve-config");
    assertThat(cm.getData().get("mixserve.yaml")).contains("address: http://127.0.0.1:8000");
  }

  @Test
  void aNodeNameThatCannotNameAServiceIsRefused() {
    String config =
        """
        nodes: [{name: Big.Box, accelerators: [{vendor: nvidia, memory: 8GiB}]}]
        deployments: []
        """;
    assertThatThrownBy(() -> render(config, new RenderOptions("ai", "img", false)))
        .hasMessageContaining("node name 'Big.Box' is not a DNS label");
  }
}
