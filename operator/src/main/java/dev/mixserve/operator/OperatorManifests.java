package dev.mixserve.operator;

import dev.mixserve.k8s.Yaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What installs the operator ({@code render k8s --operator}): the CRD, its namespace, identity,
 * cluster role and binding, and its Deployment. Apply these, then {@code MixServe} resources.
 */
public final class OperatorManifests {
  /** Where fabric8's crd-generator writes the CRD at build time. */
  static final String CRD = "/META-INF/fabric8/mixserves.mixserve.dev-v1.yml";

  private OperatorManifests() {}

  /**
   * The generated CRD, with Age as the last column as {@code kubectl} shows it for built-in kinds
   * (the generator sorts columns by their JSON path, which would put it first).
   */
  public static CustomResourceDefinition crd() {
    try (InputStream in = OperatorManifests.class.getResourceAsStream(CRD)) {
      if (in == null) {
        throw new IllegalStateException(CRD + " is missing: the build generates it");
      }
      var crd = new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
      for (var version : crd.getSpec().getVersions()) {
        var columns = new ArrayList<>(version.getAdditionalPrinterColumns());
        columns.sort(Comparator.comparing(OperatorManifests::isAge));
        version.setAdditionalPrinterColumns(columns);
      }
      return crd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isAge(CustomResourceColumnDefinition c) {
    return c.getJsonPath().equals(".metadata.creationTimestamp");
  }

  /** The objects in {@code kubectl apply} order, the CRD first. */
  public static List<HasMetadata> objects(String namespace, String image) {
    var labels = labels();
    var out = new ArrayList<HasMetadata>();
    out.add(crd());
    out.add(
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(namespace)
            .withLabels(labels)
            .endMetadata()
            .build());
    out.add(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(OperatorRbac.NAME)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .build());
    out.add(OperatorRbac.role(labels));
    out.add(OperatorRbac.binding(namespace, labels));
    out.add(OperatorDeployment.of(namespace, image, labels));
    return out;
  }

  /**
   * One YAML stream. The CRD is written by fabric8's own serializer, whose schema types (a schema
   * or a boolean) the plain Jackson writer of the other objects does not know.
   */
  public static String yaml(String namespace, String image) {
    var objects = objects(namespace, image);
    String crd = new KubernetesSerialization().asYaml(objects.getFirst());
    return (crd.startsWith("---") ? crd : "---\n" + crd)
        + Yaml.write(objects.subList(1, objects.size()));
  }

  static Map<String, String> labels() {
    var out = new LinkedHashMap<String, String>();
    out.put("app.kubernetes.io/name", "mixserve");
    out.put("app.kubernetes.io/part-of", "mixserve");
    out.put("app.kubernetes.io/component", "operator");
    return out;
  }
}
