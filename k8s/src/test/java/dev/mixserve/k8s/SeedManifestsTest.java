package dev.mixserve.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `render k8s examples/homelab.yaml`, field by field, as the cluster will read it back. */
class SeedManifestsTest {
  static final Path FILE = Path.of("../examples/homelab.yaml");
  static final MixserveConfig HOMELAB = ConfigLoader.load(FILE);
  static final RenderOptions OPTIONS = new RenderOptions("mixserve", "mixserve:test", false);
  static final List<HasMetadata> OBJECTS = Decoded.parse(render(OPTIONS));

  static String render(RenderOptions options) {
    try {
      return ClusterManifests.render(HOMELAB, Files.readString(FILE), options).yaml();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static <T extends HasMetadata> T find(List<HasMetadata> all, Class<T> kind, String name) {
    return all.stream()
        .filter(kind::isInstance)
        .map(kind::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }

  @Test
  void rendersTheHeadFourWorkersServicesRbacAndAliasesInApplyOrder() {
    assertThat(OBJECTS)
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactly(
            "ServiceAccount/mixserve-head",
            "Role/mixserve-head",
            "RoleBinding/mixserve-head",
            "ClusterRole/mixserve-mixserve-nodes",
            "ClusterRoleBinding/mixserve-mixserve-nodes",
            "ConfigMap/mixserve-config",
            "Deployment/mixserve-head",
            "Service/ai-inference-serve-svc",
            "Deployment/mixserve-worker-khelben",
            "Service/mixserve-worker-khelben",
            "Deployment/mixserve-worker-elminster",
            "Service/mixserve-worker-elminster",
            "Deployment/mixserve-worker-drizzt",
            "Service/mixserve-worker-drizzt",
            "Deployment/mixserve-worker-danilo",
            "Service/mixserve-worker-danilo",
            "Service/llm-predictor",
            "Service/whisper-predictor",
            "Service/tts-predictor",
            "Service/embeddings-predictor",
            "Service/reranker-predictor");
  }

  @ParameterizedTest
  @CsvSource({
    "khelben,   amd.com/gpu,        63284Mi, llm",
    "elminster, nvidia.com/gpu,     9216Mi,  'whisper,tts'",
    "drizzt,    amd.com/gpu,        10855Mi, embeddings",
    "danilo,    gpu.intel.com/i915, 14132Mi, reranker",
  })
  void eachWorkerIsPinnedToItsHostAndHoldsItsWholeDevice(
      String node, String device, String memory, String deployments) {
    var d = find(OBJECTS, Deployment.class, "mixserve-worker-" + node);
    assertThat(d.getMetadata().getNamespace()).isEqualTo("mixserve");
    assertThat(d.getMetadata().getAnnotations())
        .containsEntry("mixserve.dev/deployments", deployments);
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    var labels =
        Map.of(
            "app.kubernetes.io/name", "mixserve",
            "app.kubernetes.io/component", "worker",
            "mixserve.dev/node", node);
    assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(labels);
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(labels);
    assertThat(pod.getNodeSelector())
        .isEqualTo(Map.of("kubernetes.io/hostname", node, "site", "homelab"));
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getKey()).isEqualTo(device);
              assertThat(t.getOperator()).isEqualTo("Exists");
            });
    assertThat(pod.getResourceClaims()).isNullOrEmpty();
    var c = pod.getContainers().getFirst();
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(c.getImage()).isEqualTo("mixserve:test");
    assertThat(c.getArgs())
        .containsExactly(
            "serve",
            "--config",
            "/etc/mixserve/mixserve.yaml",
            "--node",
            node,
            "--head",
            "http://ai-inference-serve-svc.mixserve.svc.cluster.local:8000");
    assertThat(c.getResources().getLimits())
        .isEqualTo(Map.of(device, new Quantity("1"), "memory", new Quantity(memory)));
    assertThat(c.getResources().getRequests())
        .isEqualTo(Map.of("cpu", new Quantity("500m"), "memory", new Quantity(memory)));
    assertThat(env(c)).containsEntry("JAVA_TOOL_OPTIONS", "-Xmx768m");
    checkPod(c, pod);

    var s = find(OBJECTS, Service.class, "mixserve-worker-" + node);
    assertThat(s.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(s.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(s.getSpec().getSelector()).isEqualTo(labels);
    assertThat(s.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPort()).isEqualTo(8000);
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            });
  }

  /** What head and workers share: probes, the non-root user, the read-only root, the volumes. */
  static void checkPod(Container c, io.fabric8.kubernetes.api.model.PodSpec pod) {
    assertThat(c.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getContainerPort()).isEqualTo(8000);
              assertThat(p.getName()).isEqualTo("http");
            });
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/-/ready");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/-/healthz");
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/-/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    var sc = c.getSecurityContext();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    var psc = pod.getSecurityContext();
    assertThat(psc.getRunAsNonRoot()).isTrue();
    assertThat(psc.getRunAsUser()).isEqualTo(65532L);
    assertThat(psc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getVolumeMounts())
        .extracting(m -> m.getName() + ":" + m.getMountPath())
        .containsExactly("config:/etc/mixserve", "tmp:/tmp", "cache:/var/cache/mixserve");
    assertThat(pod.getVolumes().getFirst().getConfigMap().getName()).isEqualTo("mixserve-config");
    assertThat(env(c)).containsEntry("HOME", "/var/cache/mixserve");
  }

  static Map<String, String> env(Container c) {
    var out = new java.util.HashMap<String, String>();
    c.getEnv().forEach(e -> out.put(e.getName(), e.getValue() == null ? "(ref)" : e.getValue()));
    return out;
  }

  /**
   * The text as the API server reads it: quantities are strings or numbers, never the model's bean
   * fields (fabric8 reads those back as equal, so the typed checks above cannot see them).
   */
  @Test
  void quantitiesAndPortsAreWrittenAsTheApiServerReadsThem() throws Exception {
    String yaml = render(OPTIONS);
    assertThat(yaml).doesNotContain("amount:", "format:", "intVal", "strVal");
    var mapper =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    var worker = mapper.readTree(Decoded.documents(yaml).get(8));
    var c = worker.at("/spec/template/spec/containers/0");
    assertThat(worker.at("/metadata/name").asText()).isEqualTo("mixserve-worker-khelben");
    assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("63284Mi");
    assertThat(c.at("/resources/limits/amd.com~1gpu").asInt()).isEqualTo(1);
    assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("500m");
    assertThat(c.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
    assertThat(c.at("/ports/0/containerPort").isInt()).isTrue();
  }

  @Test
  void theHeadRunsTheConfigWithItsAccountBehindTheEndpoint() {
    var d = find(OBJECTS, Deployment.class, "mixserve-head");
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
    var head = Map.of("app.kubernetes.io/name", "mixserve", "app.kubernetes.io/component", "head");
    assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(head);
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("mixserve-head");
    assertThat(pod.getNodeSelector()).isNullOrEmpty();
    var c = pod.getContainers().getFirst();
    assertThat(c.getArgs()).containsExactly("serve", "--config", "/etc/mixserve/mixserve.yaml");
    assertThat(c.getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("1Gi")));
    checkPod(c, pod);

    var endpoint = find(OBJECTS, Service.class, "ai-inference-serve-svc");
    assertThat(endpoint.getSpec().getSelector()).isEqualTo(head);
    assertThat(endpoint.getSpec().getPorts())
        .extracting(p -> p.getPort() + "->" + p.getTargetPort().getIntVal())
        .containsExactly("8000->8000", "80->8000");
  }

  @Test
  void theConfigMapIsTheFileWithEachNodeAtItsWorkersService() {
    var cm = find(OBJECTS, ConfigMap.class, "mixserve-config");
    var served = ConfigLoader.parse(cm.getData().get("mixserve.yaml"), "configmap");
    var nodes =
        HOMELAB.nodes().stream()
            .map(
                n ->
                    new dev.mixserve.api.Node(
                        n.name(),
                        "http://mixserve-worker-" + n.name() + ".mixserve.svc.cluster.local:8000",
                        n.labels(),
                        n.accelerators()))
            .toList();
    assertThat(served)
        .isEqualTo(new MixserveConfig(HOMELAB.server(), nodes, HOMELAB.deployments()));
  }

  @Test
  void fiveAliasesInAiMlNameTheEndpoint() {
    var aliases =
        OBJECTS.stream()
            .filter(o -> o instanceof Service s && "ExternalName".equals(s.getSpec().getType()))
            .map(Service.class::cast)
            .toList();
    assertThat(aliases)
        .extracting(s -> s.getMetadata().getName() + "." + s.getMetadata().getNamespace())
        .containsExactly(
            "llm-predictor.ai-ml",
            "whisper-predictor.ai-ml",
            "tts-predictor.ai-ml",
            "embeddings-predictor.ai-ml",
            "reranker-predictor.ai-ml");
    assertThat(aliases)
        .allSatisfy(
            s ->
                assertThat(s.getSpec().getExternalName())
                    .isEqualTo("ai-inference-serve-svc.mixserve.svc.cluster.local"));
  }
}
