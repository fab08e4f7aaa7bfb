package dev.mixserve.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import org.junit.jupiter.api.Test;

/**
 * The CRD the build generates from the MixServe classes, as {@code render k8s --operator} prints
 * it.
 */
class CrdTest {
  static final CustomResourceDefinition CRD = OperatorManifests.crd();

  @Test
  void namesTheKindItsGroupVersionAndShortName() {
    assertThat(CRD.getMetadata().getName()).isEqualTo("mixserves.mixserve.dev");
    assertThat(CRD.getSpec().getGroup()).isEqualTo("mixserve.dev");
    assertThat(CRD.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(CRD.getSpec().getNames().getKind()).isEqualTo("MixServe");
    assertThat(CRD.getSpec().getNames().getShortNames()).containsExactly("ms");
    assertThat(CRD.getSpec().getVersions())
        .singleElement()
        .satisfies(v -> assertThat(v.getName()).isEqualTo("v1alpha1"))
        .satisfies(v -> assertThat(v.getServed()).isTrue())
        .satisfies(v -> assertThat(v.getStorage()).isTrue())
        .satisfies(v -> assertThat(v.getSubresources().getStatus()).isNotNull());
  }

  @Test
  void kubectlGetShowsReadyDeploymentsEndpointAndAge() {
    assertThat(CRD.getSpec().getVersions().getFirst().getAdditionalPrinterColumns())
        .extracting(
            CustomResourceColumnDefinition::getName,
            CustomResourceColumnDefinition::getJsonPath,
            CustomResourceColumnDefinition::getType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Ready", ".status.conditions[?(@.type==\"Ready\")].status", "string"),
            org.assertj.core.groups.Tuple.tuple(
                "Deployments", ".status.deploymentsReady", "string"),
            org.assertj.core.groups.Tuple.tuple("Endpoint", ".status.endpoint", "string"),
            org.assertj.core.groups.Tuple.tuple("Age", ".metadata.creationTimestamp", "date"));
  }

  @Test
  void theSpecIsTheConfigsKeysTypedAndEngineOptionsAreFreeForm() {
    JSONSchemaProps spec = schema().getProperties().get("spec");
    assertThat(spec.getProperties())
        .containsOnlyKeys("image", "dra", "server", "nodes", "deployments");
    JSONSchemaProps deployment = spec.getProperties().get("deployments").getItems().getSchema();
    assertThat(deployment.getRequired()).contains("name", "task", "engine");
    assertThat(deployment.getProperties())
        .containsKeys("route", "resources", "placement", "replicas", "limits", "model_names");
    assertThat(deployment.getProperties().get("replicas").getXKubernetesPreserveUnknownFields())
        .as("a count or an autoscaling mapping")
        .isTrue();
    JSONSchemaProps options =
        deployment.getProperties().get("engine").getProperties().get("options");
    assertThat(options.getType()).isEqualTo("object");
    assertThat(options.getAdditionalProperties().getSchema().getXKubernetesPreserveUnknownFields())
        .isTrue();
    assertThat(spec.getProperties().get("server").getProperties()).containsKey("alias_namespace");
  }

  @Test
  void theStatusHasConditionsPlacementAndTheEndpoint() {
    assertThat(schema().getProperties().get("status").getProperties())
        .containsKeys(
            "observedGeneration",
            "conditions",
            "deployments",
            "deploymentsReady",
            "endpoint",
            "aliases",
            "findings");
  }

  private static JSONSchemaProps schema() {
    return CRD.getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema();
  }
}
