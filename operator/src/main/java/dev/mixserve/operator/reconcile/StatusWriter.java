package dev.mixserve.operator.reconcile;

import dev.mixserve.operator.crd.MixServe;
import dev.mixserve.operator.crd.MixServeStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * Writes a status whole, as one JSON Patch operation that sets {@code /status}. Not
 * java-operator-sdk's own non-apply status patch: that one diffs against the cached resource, and a
 * cache one write behind (the status just written not yet seen) yields array indices that miss. Not
 * a merge patch either: fabric8's mock API server appends lists it should replace. One "add" needs
 * no base and means the same to both servers.
 */
final class StatusWriter {
  private StatusWriter() {}

  static void write(KubernetesClient client, MixServe cr, MixServeStatus status) {
    var json = client.getKubernetesSerialization();
    String patch =
        json.asJson(
            List.of(
                Map.of(
                    "op",
                    "add",
                    "path",
                    "/status",
                    "value",
                    json.convertValue(status, Map.class))));
    client
        .resources(MixServe.class)
        .inNamespace(cr.getMetadata().getNamespace())
        .withName(cr.getMetadata().getName())
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch);
  }
}
