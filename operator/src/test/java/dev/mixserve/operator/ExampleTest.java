package dev.mixserve.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mixserve.operator.crd.MixServe;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * examples/homelab-cr.yaml as {@code kubectl apply} would take it: kubectl reads it, and the API
 * server would keep every field of it under the CRD that {@code render k8s --operator} installs.
 */
class ExampleTest {
  static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  @SuppressWarnings("unchecked")
  static Map<String, Object> tree(String yaml) {
    return JSON.unmarshal(yaml, Map.class);
  }

  static Map<String, Object> example() throws Exception {
    return tree(Files.readString(Cluster.SEED));
  }

  @Test
  void everyFieldOfTheExampleIsInTheCrdsSchema() throws Exception {
    var schema =
        OperatorManifests.crd().getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema();
    var example = example();
    example.remove("apiVersion");
    example.remove("kind");
    example.remove("metadata");
    assertThat(SchemaCheck.problems(schema, example)).isEmpty();
    assertThat(JSON.unmarshal(Files.readString(Cluster.SEED), MixServe.class).getSpec().nodes())
        .hasSize(4);
  }

  @Test
  void theCheckFindsATypoAMissingFieldAndAWrongType() {
    var schema =
        OperatorManifests.crd().getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema();
    var bad =
        tree(
            """
            spec:
              server: {port: eighty}
              deployments:
                - {name: e, engine: {kind: echo}, resoures: {gpu: 0.5}}
            """);
    assertThat(SchemaCheck.problems(schema, bad))
        .containsExactlyInAnyOrder(
            ".spec.server.port: expected an integer",
            ".spec.deployments[0].task: expected present (required)",
            ".spec.deployments[0].resoures: not a field of the schema");
  }

  @Test
  void kubectlReadsItOffline() throws Exception {
    assumeTrue(
        Files.isExecutable(KUBECTL) || "true".equals(System.getenv("CI")),
        "kubectl is not installed");
    Process p =
        new ProcessBuilder(
                KUBECTL.toString(),
                "label",
                "--local",
                "-f",
                Cluster.SEED.toString(),
                "ok=yes",
                "-o",
                "name")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out.strip()).isEqualTo("mixserve.mixserve.dev/homelab");
  }
}
