package dev.mixserve.operator.reconcile;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.api.Server;
import dev.mixserve.k8s.ClusterManifests;
import dev.mixserve.k8s.KServeManifests;
import dev.mixserve.k8s.RenderOptions;
import dev.mixserve.operator.crd.MixServe;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The objects a {@code MixServe} made, found again to prune what it no longer wants or to delete.
 */
final class Owned {
  static final String PART_OF = "app.kubernetes.io/part-of";

  private static final List<Class<? extends HasMetadata>> NAMESPACED =
      List.of(
          Deployment.class,
          Service.class,
          ConfigMap.class,
          ServiceAccount.class,
          Role.class,
          RoleBinding.class,
          ResourceClaim.class);

  private final KubernetesClient client;

  Owned(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  static String id(HasMetadata o) {
    String ns = o.getMetadata().getNamespace();
    return o.getKind() + "/" + (ns == null ? "" : ns + "/") + o.getMetadata().getName();
  }

  /**
   * Deletes what {@code cr} made and {@code desired} no longer has.
   *
   * @return the deleted objects' ids
   */
  List<String> prune(MixServe cr, List<HasMetadata> desired) {
    Set<String> keep = desired.stream().map(Owned::id).collect(Collectors.toSet());
    var gone = new ArrayList<HasMetadata>();
    for (HasMetadata o : made(cr)) {
      if (!keep.contains(id(o))) {
        gone.add(o);
      }
    }
    return delete(gone);
  }

  /** Deletes everything {@code cr} made, cluster-wide RBAC and aliases included. */
  List<String> deleteAll(MixServe cr) {
    var all = new ArrayList<>(made(cr));
    all.addAll(clusterScoped(cr.getMetadata().getNamespace()));
    return delete(all);
  }

  /** In its namespace by owner reference; elsewhere the aliases, by what they point to. */
  private List<HasMetadata> made(MixServe cr) {
    String ns = cr.getMetadata().getNamespace();
    var out = new ArrayList<HasMetadata>();
    for (Class<? extends HasMetadata> kind : NAMESPACED) {
      for (HasMetadata o : list(kind, ns)) {
        if (o.getMetadata().getOwnerReferences().stream()
            .anyMatch(r -> r.getUid().equals(cr.getMetadata().getUid()))) {
          out.add(o);
        }
      }
    }
    String target = KServeManifests.ENDPOINT + "." + ns + ".svc.cluster.local";
    client.services().inAnyNamespace().withLabel(PART_OF, "mixserve").list().getItems().stream()
        .filter(s -> target.equals(s.getMetadata().getAnnotations().get(Applier.ALIAS_OF)))
        .forEach(out::add);
    return out;
  }

  private List<? extends HasMetadata> list(Class<? extends HasMetadata> kind, String namespace) {
    try {
      return client
          .resources(kind)
          .inNamespace(namespace)
          .withLabel(PART_OF, "mixserve")
          .list()
          .getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of(); // a cluster without the kind's API (DRA) has none of it
      }
      throw e;
    }
  }

  /**
   * The cluster-wide RBAC a rendering into {@code namespace} has, whatever its config: no owner
   * reference can point from a cluster-scoped object to a namespaced one.
   */
  static List<HasMetadata> clusterScoped(String namespace) {
    var empty = new MixserveConfig(Server.DEFAULT, List.of(), List.of());
    return ClusterManifests.render(empty, "", new RenderOptions(namespace, "unused", false))
        .objects()
        .stream()
        .filter(o -> o.getMetadata().getNamespace() == null)
        .toList();
  }

  private List<String> delete(List<HasMetadata> objects) {
    var ids = new ArrayList<String>();
    for (HasMetadata o : objects) {
      if (!client.resource(o).delete().isEmpty()) {
        ids.add(id(o));
      }
    }
    return ids;
  }
}
