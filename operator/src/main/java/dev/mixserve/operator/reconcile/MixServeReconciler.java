package dev.mixserve.operator.reconcile;

import dev.mixserve.operator.crd.MixServe;
import dev.mixserve.operator.crd.MixServeStatus;
import dev.mixserve.operator.status.Observed;
import dev.mixserve.operator.status.Statuses;
import dev.mixserve.operator.status.Trouble;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the cluster what a {@code MixServe} says: renders it as {@code render k8s} does, writes the
 * difference, prunes what it no longer has, and reports placement and readiness. Woken by the
 * resource's spec changes and by its Deployments' status changes (a pod got ready, a rollout
 * finished); its own writes to a Deployment's spec do not wake it.
 */
@ControllerConfiguration(name = MixServeReconciler.NAME)
public final class MixServeReconciler implements Reconciler<MixServe>, Cleaner<MixServe> {
  public static final String NAME = "mixserve";

  private final boolean clusterNodes;
  private final String defaultImage;
  private final Clock clock;
  private volatile InformerEventSource<Node, MixServe> nodes;

  /**
   * @param clusterNodes plan on the spec's nodes merged with the cluster's Nodes (and be woken when
   *     a Node's GPUs change); false: on the spec's nodes as written
   * @param defaultImage the image when a spec names none
   */
  public MixServeReconciler(boolean clusterNodes, String defaultImage, Clock clock) {
    this.clusterNodes = clusterNodes;
    this.defaultImage = Objects.requireNonNull(defaultImage, "defaultImage");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<EventSource<?, MixServe>> prepareEventSources(EventSourceContext<MixServe> ctx) {
    var config =
        InformerEventSourceConfiguration.from(Deployment.class, MixServe.class)
            .withLabelSelector(Owned.PART_OF + "=mixserve")
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(MixServe.class))
            .withOnUpdateFilter(
                (now, before) -> !Objects.equals(now.getStatus(), before.getStatus()))
            .build();
    var sources = new ArrayList<EventSource<?, MixServe>>();
    sources.add(new InformerEventSource<>(config, ctx));
    if (clusterNodes) {
      nodes = NodeEvents.source(ctx);
      sources.add(nodes);
    }
    return sources;
  }

  private NodeInventory inventory() {
    var cluster = nodes;
    return cluster == null
        ? NodeInventory.DECLARED
        : NodeInventory.of(cluster.list(n -> true).toList());
  }

  @Override
  public UpdateControl<MixServe> reconcile(MixServe cr, Context<MixServe> ctx) {
    MixServeStatus status =
        switch (Desired.of(cr, inventory(), defaultImage)) {
          case Desired.Invalid bad -> Trouble.invalid(cr, bad.message(), clock.instant());
          case Desired.Valid good -> apply(cr, good, ctx);
        };
    return write(cr, status, ctx);
  }

  private MixServeStatus apply(MixServe cr, Desired.Valid want, Context<MixServe> ctx) {
    KubernetesClient client = ctx.getClient();
    List<HasMetadata> objects = want.rendered().objects();
    new Rollouts(client).choose(want.rendered(), Boolean.TRUE.equals(cr.getSpec().dra()));
    var written = new ArrayList<>(new Applier(client).apply(cr, objects));
    written.addAll(new Owned(client).prune(cr, objects));
    var seen =
        new Observed(
            want.config(),
            want.rendered().plan(),
            workerNodes(objects),
            want.findings(),
            List.copyOf(ctx.getSecondaryResources(Deployment.class)),
            aliases(cr, objects),
            written,
            strategies(objects));
    return Statuses.of(cr, seen, clock.instant());
  }

  @Override
  public DeleteControl cleanup(MixServe cr, Context<MixServe> ctx) {
    new Owned(ctx.getClient()).deleteAll(cr);
    return DeleteControl.defaultDelete();
  }

  @Override
  public ErrorStatusUpdateControl<MixServe> updateErrorStatus(
      MixServe cr, Context<MixServe> ctx, Exception e) {
    write(cr, Trouble.failed(cr, String.valueOf(e.getMessage()), clock.instant()), ctx);
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  /** A status write only when something changed: each one is an event for every watcher. */
  private static UpdateControl<MixServe> write(
      MixServe cr, MixServeStatus status, Context<MixServe> ctx) {
    if (!status.equals(cr.getStatus())) {
      StatusWriter.write(ctx.getClient(), cr, status);
    }
    return UpdateControl.noUpdate();
  }

  private static Set<String> workerNodes(List<HasMetadata> objects) {
    return objects.stream()
        .filter(o -> o instanceof Deployment)
        .map(o -> o.getMetadata().getLabels().getOrDefault("mixserve.dev/node", ""))
        .filter(n -> !n.isEmpty())
        .collect(Collectors.toSet());
  }

  private static Map<String, String> strategies(List<HasMetadata> objects) {
    return objects.stream()
        .filter(o -> o instanceof Deployment)
        .map(Deployment.class::cast)
        .collect(
            Collectors.toMap(
                d -> d.getMetadata().getName(), d -> d.getSpec().getStrategy().getType()));
  }

  private static List<String> aliases(MixServe cr, List<HasMetadata> objects) {
    return objects.stream()
        .filter(o -> annotations(o).containsKey(Applier.ALIAS_OF))
        .map(o -> o.getMetadata().getName() + "." + o.getMetadata().getNamespace())
        .toList();
  }

  private static Map<String, String> annotations(HasMetadata o) {
    var a = o.getMetadata().getAnnotations();
    return a == null ? Map.of() : a;
  }
}
