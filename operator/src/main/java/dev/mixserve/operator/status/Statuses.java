package dev.mixserve.operator.status;

import dev.mixserve.api.Deployment;
import dev.mixserve.operator.crd.DeploymentStatus;
import dev.mixserve.operator.crd.MixServe;
import dev.mixserve.operator.crd.MixServeStatus;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Bytes;
import dev.mixserve.scheduler.Refusal;
import dev.mixserve.scheduler.Target;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@code MixServe}'s status: from a plan and the cluster, or from why there is no plan. */
public final class Statuses {
  private Statuses() {}

  /** The in-cluster URL of the one endpoint (the head's Service). */
  public static String endpoint(String namespace) {
    return "http://ai-inference-serve-svc." + namespace + ".svc.cluster.local:8000";
  }

  public static MixServeStatus of(MixServe cr, Observed seen, Instant now) {
    var work = new Workloads(seen.workloads());
    boolean noNodes = seen.config().nodes().isEmpty(); // the head serves everything itself
    List<Refusal> refusals = noNodes ? List.of() : seen.plan().refusals();
    var deployments = new ArrayList<DeploymentStatus>();
    var notReady = new ArrayList<String>();
    for (Deployment d : seen.config().deployments()) {
      var status = deployment(d, seen, work, refusals, noNodes);
      deployments.add(status);
      if (status.readyReplicas() < d.replicas() || status.refused() != null) {
        notReady.add(d.name() + " " + status.readyReplicas() + "/" + d.replicas());
      }
    }
    int total = deployments.size();
    boolean ready = work.headReady() && notReady.isEmpty();
    var rolling = new ArrayList<>(work.rollingOut());
    boolean progressing = !rolling.isEmpty() || !seen.written().isEmpty();
    List<String> stalled = work.stalled();
    long gen = generation(cr);
    var before = cr.getStatus() == null ? null : cr.getStatus().conditions();
    String refused = String.join("; ", refusals.stream().map(Statuses::refusal).toList());
    List<Condition> conditions =
        List.of(
            ready
                ? Conditions.of(
                    before,
                    Conditions.READY,
                    true,
                    "Serving",
                    "all " + total + " deployments ready",
                    gen,
                    now)
                : Conditions.of(
                    before,
                    Conditions.READY,
                    false,
                    !work.headReady() ? "HeadNotReady" : "DeploymentsNotReady",
                    "not ready: " + (work.headReady() ? String.join(", ", notReady) : "the head"),
                    gen,
                    now),
            progressing
                ? Conditions.of(
                    before,
                    Conditions.PROGRESSING,
                    true,
                    "RollingOut",
                    rolling.isEmpty()
                        ? "updated " + String.join(", ", seen.written())
                        : "waiting for " + String.join(", ", rolling),
                    gen,
                    now)
                : Conditions.of(
                    before,
                    Conditions.PROGRESSING,
                    false,
                    "RolledOut",
                    "every workload runs the current spec",
                    gen,
                    now),
            !refusals.isEmpty() || !stalled.isEmpty() || (!ready && !progressing)
                ? Conditions.of(
                    before,
                    Conditions.DEGRADED,
                    true,
                    !refusals.isEmpty()
                        ? "PlacementFailed"
                        : !stalled.isEmpty() ? "RolloutStalled" : "NotReady",
                    !refusals.isEmpty()
                        ? refused
                        : !stalled.isEmpty()
                            ? "stalled: " + String.join(", ", stalled)
                            : "not ready: " + String.join(", ", notReady),
                    gen,
                    now)
                : Conditions.of(
                    before,
                    Conditions.DEGRADED,
                    false,
                    "AsSpecified",
                    "nothing is missing",
                    gen,
                    now),
            refusals.isEmpty()
                ? Conditions.of(
                    before,
                    Conditions.PLACEMENT_FAILED,
                    false,
                    "AllPlaced",
                    "every replica has a place",
                    gen,
                    now)
                : Conditions.of(
                    before, Conditions.PLACEMENT_FAILED, true, "Unplaced", refused, gen, now));
    long fullyReady = total - notReady.size();
    return new MixServeStatus(
        gen,
        endpoint(cr.getMetadata().getNamespace()),
        fullyReady + "/" + total,
        conditions,
        deployments,
        seen.aliases(),
        seen.findings().isEmpty() ? null : seen.findings());
  }

  private static DeploymentStatus deployment(
      Deployment d, Observed seen, Workloads work, List<Refusal> refusals, boolean noNodes) {
    if (noNodes) {
      return new DeploymentStatus(
          d.name(), d.replicas(), work.headReady() ? d.replicas() : 0, null, null);
    }
    var placed = seen.plan().of(d.name());
    int ready = 0;
    for (Assignment a : placed) {
      boolean up =
          seen.workerNodes().contains(a.node()) ? work.workerReady(a.node()) : work.headReady();
      ready += up ? 1 : 0;
    }
    var refused =
        refusals.stream()
            .filter(r -> r.deployment().equals(d.name()))
            .map(Statuses::refusal)
            .toList();
    return new DeploymentStatus(
        d.name(),
        d.replicas(),
        ready,
        placed.stream().map(Statuses::placement).toList(),
        refused.isEmpty() ? null : refused);
  }

  private static DeploymentStatus.Placement placement(Assignment a) {
    if (a.target() instanceof Target.Gpu g) {
      return new DeploymentStatus.Placement(
          a.replica(),
          a.node(),
          g.accelerator().index(),
          g.accelerator().model(),
          Bytes.share(g.milliGpu()),
          Bytes.human(g.memoryBytes()));
    }
    return new DeploymentStatus.Placement(a.replica(), a.node(), null, null, null, null);
  }

  private static String refusal(Refusal r) {
    return r.deployment()
        + " replica "
        + r.replica()
        + ": "
        + r.needs()
        + " ("
        + String.join("; ", r.reasons())
        + ")";
  }

  static long generation(MixServe cr) {
    Long g = cr.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }
}
