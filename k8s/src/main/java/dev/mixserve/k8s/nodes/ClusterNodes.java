package dev.mixserve.k8s.nodes;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Node;
import dev.mixserve.k8s.nodes.NodeFinding.Kind;
import dev.mixserve.scheduler.Bytes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operator's view of the cluster's GPUs: the config's nodes merged with what the Kubernetes
 * Nodes tell, as {@code plan --detect} merges the local machine. A declared node matches the Node
 * its worker would be scheduled on: the one its {@code kubernetes.io/hostname} label (declared, or
 * the node's name) names, or the one of the same name.
 */
public final class ClusterNodes {
  private ClusterNodes() {}

  /**
   * Merges {@code cluster}'s Nodes into {@code declared}. Pure: call it again when a Node changes.
   *
   * @param declared the config's nodes
   * @param cluster the cluster's Nodes, as listed or informed
   * @return the nodes to plan with, and the findings for the status
   */
  public static ClusterInventory merge(
      List<Node> declared, Collection<io.fabric8.kubernetes.api.model.Node> cluster) {
    var facts = new ArrayList<>(cluster.stream().map(NodeFacts::read).toList());
    facts.sort(Comparator.comparing(NodeFacts::name));
    var nodes = new ArrayList<Node>();
    var findings = new ArrayList<NodeFinding>();
    for (Node d : declared) {
      Optional<NodeFacts> match = match(d, facts);
      if (match.isEmpty()) {
        findings.add(
            NodeMerge.finding(
                d,
                Kind.NO_NODE,
                "no Node "
                    + d.name()
                    + (host(d).equals(d.name()) ? "" : " (kubernetes.io/hostname=" + host(d) + ")")
                    + " in the cluster; planning with the declared accelerators"));
        nodes.add(d);
        continue;
      }
      facts.remove(match.get());
      nodes.add(NodeMerge.merge(d, match.get(), findings));
      selectorLabels(d, match.get().view(), findings);
    }
    for (NodeFacts f : facts) {
      if (f.hasGpus()) {
        Node n = f.toNode();
        findings.add(
            new NodeFinding(
                n.name(),
                Kind.NOT_DECLARED,
                "a Node with GPUs the config does not declare ("
                    + describe(n.accelerators())
                    + "); adding it to the plan"));
        nodes.add(n);
      }
    }
    return new ClusterInventory(nodes, findings);
  }

  /** What one Node tells on its own, config aside: for a status that shows the cluster's view. */
  public static Node read(io.fabric8.kubernetes.api.model.Node node) {
    return NodeFacts.read(node).toNode();
  }

  private static Optional<NodeFacts> match(Node d, List<NodeFacts> facts) {
    String host = host(d);
    return facts.stream()
        .filter(f -> f.view().hostname().equals(host))
        .findFirst()
        .or(() -> facts.stream().filter(f -> f.name().equals(d.name())).findFirst());
  }

  /** The host the worker's nodeSelector names (WorkerObjects.nodeSelector). */
  static String host(Node d) {
    return d.labels().getOrDefault(NodeView.HOSTNAME, d.name());
  }

  /**
   * The worker is pinned by the declared labels and the host; a Node without them would leave it
   * Pending, which the status should say before anyone waits.
   */
  private static void selectorLabels(Node d, NodeView n, List<NodeFinding> out) {
    var wanted = new TreeMap<String, String>(d.labels());
    wanted.putIfAbsent(NodeView.HOSTNAME, d.name());
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      String has = n.labels().get(e.getKey());
      if (!e.getValue().equals(has)) {
        out.add(
            NodeMerge.finding(
                d,
                Kind.LABEL_MISSING,
                "Node "
                    + n.name()
                    + (has == null
                        ? " has no label " + e.getKey()
                        : " has " + e.getKey() + "=" + has)
                    + ", the worker selects "
                    + e.getKey()
                    + "="
                    + e.getValue()));
      }
    }
  }

  private static String describe(List<Accelerator> gpus) {
    return String.join(
        ", ",
        gpus.stream()
            .map(a -> (a.model().isEmpty() ? Bytes.kind(a) : a.model()) + memory(a))
            .toList());
  }

  private static String memory(Accelerator a) {
    return a.memoryBytes() > 0 ? " " + Bytes.human(a.memoryBytes()) : "";
  }
}
