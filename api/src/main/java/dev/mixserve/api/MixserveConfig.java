package dev.mixserve.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A whole configuration: the gateway, the nodes, the deployments and who may call them. */
public record MixserveConfig(
    Server server, List<Node> nodes, List<Deployment> deployments, Auth auth) {
  /** A config whose endpoint is open to anyone who reaches it. */
  public MixserveConfig(Server server, List<Node> nodes, List<Deployment> deployments) {
    this(server, nodes, deployments, Auth.OFF);
  }

  public MixserveConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(auth, "auth");
    nodes = List.copyOf(nodes == null ? List.of() : nodes);
    deployments = List.copyOf(deployments == null ? List.of() : deployments);
    requireUnique(nodes.stream().map(Node::name).toList(), "node name");
    requireUnique(deployments.stream().map(Deployment::name).toList(), "deployment name");
    requireUnique(deployments.stream().map(Deployment::route).toList(), "deployment route");
  }

  public Optional<Deployment> deployment(String name) {
    return deployments.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  public MixserveConfig withServer(Server newServer) {
    return new MixserveConfig(newServer, nodes, deployments, auth);
  }

  public MixserveConfig withDeployments(List<Deployment> newDeployments) {
    return new MixserveConfig(server, nodes, newDeployments, auth);
  }

  public MixserveConfig withAuth(Auth newAuth) {
    return new MixserveConfig(server, nodes, deployments, newAuth);
  }

  private static void requireUnique(List<String> values, String what) {
    var seen = new HashSet<String>();
    for (String v : values) {
      if (!seen.add(v)) {
        throw new IllegalArgumentException("duplicate " + what + " '" + v + "'");
      }
    }
  }
}
