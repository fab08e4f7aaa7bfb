package dev.mixserve.operator;

import dev.mixserve.operator.crd.MixServe;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;
import java.util.Map;

/**
 * What the operator may do, cluster-wide because a {@code MixServe} may live in any namespace and
 * its aliases in another. It reads what the head reads (pods, EndpointSlices, nodes) because
 * Kubernetes lets nobody grant a Role more than they hold themselves.
 */
final class OperatorRbac {
  static final String NAME = "mixserve-operator";
  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> WRITE =
      List.of("get", "list", "watch", "create", "update", "patch", "delete");

  private OperatorRbac() {}

  static ClusterRole role(Map<String, String> labels) {
    return new ClusterRoleBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withLabels(labels)
        .endMetadata()
        .withRules(
            rule(MixServe.GROUP, List.of("get", "list", "watch", "update", "patch"), "mixserves"),
            rule(MixServe.GROUP, List.of("get", "update", "patch"), "mixserves/status"),
            rule(MixServe.GROUP, List.of("update"), "mixserves/finalizers"),
            rule("apps", WRITE, "deployments"),
            rule("", WRITE, "services", "configmaps", "serviceaccounts"),
            rule(
                "rbac.authorization.k8s.io",
                WRITE,
                "roles",
                "rolebindings",
                "clusterroles",
                "clusterrolebindings"),
            rule("resource.k8s.io", WRITE, "resourceclaims"),
            rule("", READ, "pods", "nodes"),
            rule("discovery.k8s.io", READ, "endpointslices"),
            rule("coordination.k8s.io", List.of("get", "create", "update"), "leases"),
            // java-operator-sdk checks its lease rights before it runs for leader
            rule("authorization.k8s.io", List.of("create"), "selfsubjectrulesreviews"))
        .build();
  }

  static ClusterRoleBinding binding(String namespace, Map<String, String> labels) {
    return new ClusterRoleBindingBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withLabels(labels)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", NAME)
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(NAME)
        .withNamespace(namespace)
        .endSubject()
        .build();
  }

  private static PolicyRule rule(String group, List<String> verbs, String... resources) {
    return new PolicyRuleBuilder()
        .withApiGroups(group)
        .withResources(resources)
        .withVerbs(verbs)
        .build();
  }
}
