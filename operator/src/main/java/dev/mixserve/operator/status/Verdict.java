package dev.mixserve.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * The four conditions from what one pass found.
 *
 * @param headReady the endpoint has a ready head behind it
 * @param total deployments in the spec
 * @param notReady "name ready/wanted" for each deployment not fully served
 * @param rolling workloads whose current spec is not yet running everywhere
 * @param stalled workloads Kubernetes gave up rolling out
 * @param refused the scheduler's reason for each replica it could not place
 */
record Verdict(
    boolean headReady,
    int total,
    List<String> notReady,
    List<String> rolling,
    List<String> stalled,
    List<String> refused) {
  Verdict {
    notReady = List.copyOf(notReady);
    rolling = List.copyOf(rolling);
    stalled = List.copyOf(stalled);
    refused = List.copyOf(refused);
  }

  boolean ready() {
    return headReady && notReady.isEmpty();
  }

  List<Condition> conditions(Conditions c) {
    return List.of(readyCondition(c), progressing(c), degraded(c), placement(c));
  }

  private Condition readyCondition(Conditions c) {
    if (ready()) {
      return c.set(Conditions.READY, true, "Serving", "all " + total + " deployments ready");
    }
    return headReady
        ? c.set(Conditions.READY, false, "DeploymentsNotReady", notReadyText())
        : c.set(Conditions.READY, false, "HeadNotReady", "the endpoint has no ready head");
  }

  private Condition progressing(Conditions c) {
    return rolling.isEmpty()
        ? c.set(Conditions.PROGRESSING, false, "RolledOut", "every workload runs the current spec")
        : c.set(
            Conditions.PROGRESSING,
            true,
            "RollingOut",
            "waiting for " + String.join(", ", rolling));
  }

  /** Degraded: what runs is less than the spec asks and no rollout is on its way to fixing it. */
  private Condition degraded(Conditions c) {
    if (!refused.isEmpty()) {
      return c.set(Conditions.DEGRADED, true, "PlacementFailed", String.join("; ", refused));
    }
    if (!stalled.isEmpty()) {
      return c.set(
          Conditions.DEGRADED, true, "RolloutStalled", "stalled: " + String.join(", ", stalled));
    }
    if (!ready() && rolling.isEmpty()) {
      return c.set(
          Conditions.DEGRADED,
          true,
          "NotReady",
          headReady ? notReadyText() : "the endpoint has no ready head");
    }
    return c.set(Conditions.DEGRADED, false, "AsSpecified", "nothing is missing");
  }

  private Condition placement(Conditions c) {
    return refused.isEmpty()
        ? c.set(Conditions.PLACEMENT_FAILED, false, "AllPlaced", "every replica has a place")
        : c.set(Conditions.PLACEMENT_FAILED, true, "Unplaced", String.join("; ", refused));
  }

  private String notReadyText() {
    return "not ready: " + String.join(", ", notReady);
  }
}
