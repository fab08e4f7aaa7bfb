package dev.mixserve.k8s;

import dev.mixserve.api.Accelerator;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequestBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceSelectorBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ExactDeviceRequestBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * DRA mode: one {@code resource.k8s.io/v1} ResourceClaim per GPU the plan uses. A claim, unlike a
 * claim template, is one allocation that every pod naming it shares: the worker pod that holds the
 * GPU's replicas, and its successor after a restart, get the same device.
 */
final class DraClaims {
  private DraClaims() {}

  static String name(String node, Accelerator gpu) {
    return "mixserve-gpu-" + Names.dnsLabel(node) + "-" + gpu.index();
  }

  static List<ResourceClaim> claims(List<Worker> workers, RenderOptions options) {
    var out = new ArrayList<ResourceClaim>();
    for (Worker w : workers) {
      for (Accelerator g : w.gpus()) {
        out.add(claim(w, g, options));
      }
    }
    return out;
  }

  private static ResourceClaim claim(Worker w, Accelerator g, RenderOptions options) {
    var exactly =
        new ExactDeviceRequestBuilder()
            .withDeviceClassName(Devices.draClass(g))
            .withAllocationMode("ExactCount")
            .withCount(1L);
    String index = Devices.draIndexSelector(g);
    if (index != null
        && w.node().accelerators().stream().filter(a -> a.vendor() == g.vendor()).count() > 1) {
      exactly.withSelectors(new DeviceSelectorBuilder().withNewCel(index).build());
    }
    var labels = Names.common("worker");
    labels.put(Names.NODE, w.node().name());
    return new ResourceClaimBuilder()
        .withNewMetadata()
        .withName(name(w.node().name(), g))
        .withNamespace(options.namespace())
        .withLabels(labels)
        .addToAnnotations("mixserve.dev/accelerator", g.model() + " " + g.arch())
        .endMetadata()
        .withNewSpec()
        .withNewDevices()
        .withRequests(
            new DeviceRequestBuilder().withName("gpu").withExactly(exactly.build()).build())
        .endDevices()
        .endSpec()
        .build();
  }
}
