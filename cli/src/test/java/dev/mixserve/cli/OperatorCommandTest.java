package dev.mixserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mixserve operator} and {@code render k8s --operator}, which installs it. */
class OperatorCommandTest {
  static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  @TempDir Path dir;

  @Test
  void renderOperatorPrintsTheCrdItsIdentityRightsAndDeployment() throws Exception {
    Path out = dir.resolve("operator.yaml");
    var r =
        Run.of(
            "render",
            "k8s",
            "--operator",
            "--namespace",
            "ops",
            "--image",
            "registry.lan/mixserve:1",
            "-o",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String yaml = Files.readString(out);
    List<HasMetadata> objects = decode(yaml);
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactly(
            "CustomResourceDefinition",
            "Namespace",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Deployment");
    var operator = (Deployment) objects.getLast();
    assertThat(operator.getMetadata().getNamespace()).isEqualTo("ops");
    var container = operator.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getImage()).isEqualTo("registry.lan/mixserve:1");
    assertThat(container.getArgs()).startsWith("operator");
    if (Files.isExecutable(KUBECTL) || "true".equals(System.getenv("CI"))) {
      assertThat(kubectlDecodes(out)).as("kubectl reads every object, offline").isEqualTo(6);
    }
  }

  @Test
  void renderOperatorTakesNoConfig() {
    var r = Run.of("render", "k8s", "../examples/homelab.yaml", "--operator");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("examples/homelab-cr.yaml");
  }

  @Test
  void operatorRefusesAnUnknownNodeSourceBeforeItConnects() {
    var r = Run.of("operator", "--nodes", "guessed");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--nodes: expected cluster or declared, got 'guessed'");
  }

  private static List<HasMetadata> decode(String yaml) {
    var json = new KubernetesSerialization();
    return Arrays.stream(yaml.split("(?m)^---\n"))
        .filter(d -> !d.isBlank())
        .map(d -> (HasMetadata) json.unmarshal(d))
        .toList();
  }

  /** {@code kubectl label --local}: kubectl's own decoding, no API server; the objects it wrote. */
  private static long kubectlDecodes(Path file) throws Exception {
    Process p =
        new ProcessBuilder(
                KUBECTL.toString(),
                "label",
                "--local",
                "-f",
                file.toString(),
                "ok=yes",
                "-o",
                "name")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    return out.lines().filter(l -> !l.isBlank()).count();
  }
}
