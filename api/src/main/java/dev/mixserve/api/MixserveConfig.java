package dev.mixserve.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A whole configuration: the gateway, the nodes and the deployments. */
public record MixserveConfig(Server server, List<Node> nodes, List<Deployment> deployments) {
  public MixserveConfig {
    Objects.requireNonNull(server, "server");
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
    return new MixserveConfig(newServer, nodes, deployments);
  }

  public MixserveConfig withDeployments(List<Deployment> newDeployments) {
    return new MixserveConfig(server, nodes, newDeployments);
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
