package dev.mixserve.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One mixserve backend: the head, its workers, their Services and the aliases. */
@Group(MixServe.GROUP)
@Version(MixServe.VERSION)
@Kind("MixServe")
@Plural("mixserves")
@Singular("mixserve")
@ShortNames("ms")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Deployments",
    jsonPath = ".status.deploymentsReady",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Endpoint",
    jsonPath = ".status.endpoint",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class MixServe extends CustomResource<MixServeSpec, MixServeStatus> implements Namespaced {
  public static final String GROUP = "mixserve.dev";
  public static final String VERSION = "v1alpha1";

  /** Records have no no-arg constructor to build an empty spec from: a new resource has none. */
  @Override
  protected MixServeSpec initSpec() {
    return null;
  }

  @Override
  protected MixServeStatus initStatus() {
    return null;
  }
}
