package dev.mixserve.operator.status;

import dev.mixserve.api.Deployment;
import dev.mixserve.k8s.nodes.NodeFinding;
import dev.mixserve.operator.crd.DeploymentStatus;
import dev.mixserve.operator.crd.Finding;
import dev.mixserve.operator.crd.MixServe;
import dev.mixserve.operator.crd.MixServeStatus;
import dev.mixserve.scheduler.Assignment;
import dev.mixserve.scheduler.Bytes;
import dev.mixserve.scheduler.Refusal;
import dev.mixserve.scheduler.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A {@code MixServe}'s status from its plan and what the cluster reports. */
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
    // a Deployment written this pass is rolling out even before the informer has seen the write
    var rolling = new TreeSet<>(work.rollingOut());
    seen.written().stream()
        .filter(id -> id.startsWith("Deployment/"))
        .map(id -> id.substring(id.lastIndexOf('/') + 1))
        .forEach(rolling::add);
    var verdict =
        new Verdict(
            work.headReady(),
            deployments.size(),
            notReady,
            rolling.stream().map(name -> how(name, seen)).toList(),
            work.stalled(),
            refusals.stream().map(Statuses::refusal).toList());
    long gen = generation(cr);
    var before = cr.getStatus() == null ? null : cr.getStatus().conditions();
    return new MixServeStatus(
        gen,
        endpoint(cr.getMetadata().getNamespace()),
        (deployments.size() - notReady.size()) + "/" + deployments.size(),
        verdict.conditions(new Conditions(before, gen, now)),
        deployments,
        seen.aliases(),
        seen.findings().isEmpty() ? null : findings(seen.findings()));
  }

  /**
   * Replicas on a node with a worker are ready when its worker is; the others (a config without
   * nodes, a node at a loopback address) run in the head.
   */
  private static DeploymentStatus deployment(
      Deployment d, Observed seen, Workloads work, List<Refusal> refusals, boolean noNodes) {
    if (noNodes) {
      int ready = work.headReady() ? d.replicas() : 0;
      return new DeploymentStatus(d.name(), d.replicas(), ready, null, null);
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

  /** A rolling Deployment and how: its new pod beside the old, or in the old one's place. */
  private static String how(String name, Observed seen) {
    return switch (seen.strategies().getOrDefault(name, "")) {
      case "RollingUpdate" -> name + " (old and new side by side)";
      case "Recreate" -> name + " (swap: the old pod drains first)";
      default -> name;
    };
  }

  /** "tts replica 0: /tts needs ... (elminster: ...; khelben: ...)". */
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

  private static List<Finding> findings(List<NodeFinding> found) {
    return found.stream().map(f -> new Finding(f.node(), f.reason(), f.message())).toList();
  }

  static long generation(MixServe cr) {
    Long g = cr.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }
}
