package dev.mixserve.operator.reconcile;

import dev.mixserve.operator.crd.MixServe;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes rendered objects: created when missing, replaced when they say something else, left alone
 * when they already say it all. Objects in the resource's namespace get it as their controlling
 * owner; the others (cluster-wide RBAC, aliases elsewhere) cannot, and {@link Owned} finds them by
 * what they are instead.
 *
 * <p>Create and update, not server-side apply: fabric8's mock API server, which the tests run
 * against, answers apply patches with 415, and a replace is what {@code kubectl replace} does with
 * the same objects. {@link Subset} keeps the replace from fighting the server's defaults.
 */
final class Applier {
  static final String ALIAS_OF = "mixserve.dev/alias-of";

  private final KubernetesClient client;

  Applier(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * @return "Kind/name" of each object created or changed, in {@code objects}' order
   */
  List<String> apply(MixServe cr, List<HasMetadata> objects) {
    var changed = new ArrayList<String>();
    for (HasMetadata o : objects) {
      if (Objects.equals(o.getMetadata().getNamespace(), cr.getMetadata().getNamespace())) {
        o.getMetadata().setOwnerReferences(List.of(owner(cr)));
      }
      HasMetadata current = client.resource(o).get();
      if (current == null) {
        client.resource(o).create();
        changed.add(Owned.id(o));
      } else {
        requireOurs(cr, current, o);
        if (!Subset.contains(map(current), map(o))) {
          o.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
          client.resource(o).update();
          changed.add(Owned.id(o));
        }
      }
    }
    return changed;
  }

  static OwnerReference owner(MixServe cr) {
    return new OwnerReferenceBuilder()
        .withApiVersion(cr.getApiVersion())
        .withKind(cr.getKind())
        .withName(cr.getMetadata().getName())
        .withUid(cr.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /**
   * Object names are fixed per namespace ({@code mixserve-head}), and alias names per alias
   * namespace: a second {@code MixServe} must not take over the first one's objects.
   */
  private static void requireOurs(MixServe cr, HasMetadata current, HasMetadata desired) {
    for (OwnerReference ref : current.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(ref.getController())
          && !ref.getUid().equals(cr.getMetadata().getUid())) {
        throw new IllegalStateException(
            Owned.id(current)
                + " belongs to "
                + ref.getKind()
                + " "
                + ref.getName()
                + ": one MixServe per namespace");
      }
    }
    String theirs = annotation(current, ALIAS_OF);
    if (theirs != null && !theirs.equals(annotation(desired, ALIAS_OF))) {
      throw new IllegalStateException(
          Owned.id(current)
              + " in "
              + current.getMetadata().getNamespace()
              + " is an alias of "
              + theirs);
    }
  }

  private static String annotation(HasMetadata o, String key) {
    Map<String, String> a = o.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  private Object map(HasMetadata o) {
    return client.getKubernetesSerialization().convertValue(o, Map.class);
  }
}
