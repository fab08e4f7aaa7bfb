package dev.mixserve.operator.reconcile;

import dev.mixserve.operator.crd.MixServe;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The cluster's Nodes as an event source: every {@code MixServe} is planned on all of them, so a
 * Node that gains, loses or relabels a GPU wakes every resource. The kubelet rewrites a Node's
 * status every few seconds (heartbeats, conditions); only labels, capacity and allocatable devices
 * change a plan, so only they wake anything.
 */
final class NodeEvents {
  static final String NAME = "nodes";

  private NodeEvents() {}

  static InformerEventSource<Node, MixServe> source(EventSourceContext<MixServe> ctx) {
    var config =
        InformerEventSourceConfiguration.from(Node.class, MixServe.class)
            .withName(NAME)
            .withWatchAllNamespaces() // Nodes have none; never the controller's namespaces
            .withSecondaryToPrimaryMapper(
                node ->
                    ctx.getPrimaryCache()
                        .list()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .withOnUpdateFilter(NodeEvents::gpuFactsChanged)
            .build();
    return new InformerEventSource<>(config, ctx);
  }

  static boolean gpuFactsChanged(Node now, Node before) {
    return !Objects.equals(now.getMetadata().getLabels(), before.getMetadata().getLabels())
        || !Objects.equals(capacity(now), capacity(before))
        || !Objects.equals(allocatable(now), allocatable(before));
  }

  private static Object capacity(Node n) {
    NodeStatus s = n.getStatus();
    return s == null ? null : s.getCapacity();
  }

  private static Object allocatable(Node n) {
    NodeStatus s = n.getStatus();
    return s == null ? null : s.getAllocatable();
  }
}
