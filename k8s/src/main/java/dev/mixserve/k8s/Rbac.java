package dev.mixserve.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;

/**
 * The head's identity for discovery, read-only: EndpointSlices, Pods and Services in its namespace
 * (a Role), and Nodes (a ClusterRole, because Nodes belong to no namespace and a Role cannot grant
 * them): a Node's Ready condition tells a dead host from a worker pod restarting, which is what the
 * head must know before it replans. Workers get no token at all.
 */
final class Rbac {
  private static final List<String> READ = List.of("get", "list", "watch");

  private Rbac() {}

  static String clusterRoleName(String namespace) {
    return "mixserve-" + namespace + "-nodes"; // cluster-wide: one per namespace rendered into
  }

  static List<HasMetadata> objects(RenderOptions options) {
    String ns = options.namespace();
    var labels = Names.common("head");
    var account =
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(Names.SERVICE_ACCOUNT)
            .withNamespace(ns)
            .withLabels(labels)
            .endMetadata()
            .build();
    var role =
        new RoleBuilder()
            .withNewMetadata()
            .withName(Names.HEAD)
            .withNamespace(ns)
            .withLabels(labels)
            .endMetadata()
            .withRules(rule("discovery.k8s.io", "endpointslices"), rule("", "pods", "services"))
            .build();
    var binding =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(Names.HEAD)
            .withNamespace(ns)
            .withLabels(labels)
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", Names.HEAD)
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(Names.SERVICE_ACCOUNT)
            .withNamespace(ns)
            .endSubject()
            .build();
    var nodes =
        new ClusterRoleBuilder()
            .withNewMetadata()
            .withName(clusterRoleName(ns))
            .withLabels(labels)
            .endMetadata()
            .withRules(rule("", "nodes"))
            .build();
    var nodesBinding =
        new ClusterRoleBindingBuilder()
            .withNewMetadata()
            .withName(clusterRoleName(ns))
            .withLabels(labels)
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRoleName(ns))
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(Names.SERVICE_ACCOUNT)
            .withNamespace(ns)
            .endSubject()
            .build();
    return List.of(account, role, binding, nodes, nodesBinding);
  }

  private static PolicyRule rule(String group, String... resources) {
    return new PolicyRuleBuilder()
        .withApiGroups(group)
        .withResources(resources)
        .withVerbs(READ)
        .build();
  }
}
