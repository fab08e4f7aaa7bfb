package dev.mixserve.operator;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;

/**
 * The operator's own Deployment: two replicas, one leading and one ready to take over within a
 * lease (15 s), both in the mixserve image, whose entry point runs {@code mixserve operator}.
 */
final class OperatorDeployment {
  static final int PORT = 8080;
  private static final long UID = 65532; // the image's non-root user

  private OperatorDeployment() {}

  static Deployment of(String namespace, String image, Map<String, String> labels) {
    var selector =
        Map.of("app.kubernetes.io/name", "mixserve", "app.kubernetes.io/component", "operator");
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(OperatorRbac.NAME)
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(selector)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(OperatorRbac.NAME)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(UID)
        .withRunAsGroup(UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("operator")
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withArgs("operator", "--port", Integer.toString(PORT))
        .addNewPort()
        .withName("http")
        .withContainerPort(PORT)
        .withProtocol("TCP")
        .endPort()
        .withEnv(
            field("POD_NAMESPACE", "metadata.namespace"),
            field("POD_NAME", "metadata.name"),
            new EnvVar("JAVA_TOOL_OPTIONS", "-Xmx192m", null))
        .withNewResources()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("320Mi"))
        .addToLimits("memory", new Quantity("320Mi"))
        .endResources()
        .withLivenessProbe(probe("/healthz", 10, 3))
        .withReadinessProbe(probe("/readyz", 5, 2))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Probe probe(String path, int period, int failures) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(period)
        .withFailureThreshold(failures)
        .build();
  }

  private static EnvVar field(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath(path)
        .endFieldRef()
        .endValueFrom()
        .build();
  }
}
