package dev.mixserve.operator;

import dev.mixserve.operator.crd.DeploymentSpec;
import dev.mixserve.operator.crd.MixServe;
import dev.mixserve.operator.crd.MixServeSpec;
import dev.mixserve.operator.crd.ServerSpec;

/** Spec edits as a user makes them with {@code kubectl edit ms}. */
final class Edits {
  private Edits() {}

  /** The same resource with deployment {@code name}'s GPU share set to {@code gpu}. */
  static MixServe share(MixServe cr, String name, Object gpu) {
    var s = cr.getSpec();
    var deployments =
        s.deployments().stream().map(d -> d.name().equals(name) ? withGpu(d, gpu) : d).toList();
    cr.setSpec(new MixServeSpec(s.image(), s.dra(), s.server(), s.nodes(), deployments));
    return cr;
  }

  /** The same resource with one DRA ResourceClaim per GPU, shared by a worker's pods. */
  static MixServe dra(MixServe cr) {
    var s = cr.getSpec();
    cr.setSpec(new MixServeSpec(s.image(), true, s.server(), s.nodes(), s.deployments()));
    return cr;
  }

  /** Aliases in {@code namespace}: resources in one test class must not share alias names. */
  static MixServe aliasNamespace(MixServe cr, String namespace) {
    var s = cr.getSpec();
    var v = s.server();
    var server =
        new ServerSpec(
            v.host(),
            v.port(),
            namespace,
            v.defaultAliases(),
            v.front(),
            v.edge(),
            v.nodesDownAfter());
    cr.setSpec(new MixServeSpec(s.image(), s.dra(), server, s.nodes(), s.deployments()));
    return cr;
  }

  private static DeploymentSpec withGpu(DeploymentSpec d, Object gpu) {
    var r = d.resources();
    return new DeploymentSpec(
        d.name(),
        d.route(),
        d.task(),
        d.engine(),
        new DeploymentSpec.Resources(gpu, r.memory(), r.cpu()),
        d.placement(),
        d.replicas(),
        d.limits(),
        d.batching(),
        d.aliases(),
        d.modelNames(),
        d.process(),
        d.health());
  }
}
