package dev.mixserve.operator.status;

import dev.mixserve.operator.crd.MixServe;
import dev.mixserve.operator.crd.MixServeStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Statuses for a pass that changed nothing in the cluster: the spec is not a config, or writing
 * failed. What runs is still the last good spec's, so its placement and endpoint stay as they were.
 */
public final class Trouble {
  private Trouble() {}

  /** The spec does not load as a config: nothing was touched. */
  public static MixServeStatus invalid(MixServe cr, String message, Instant now) {
    long gen = Statuses.generation(cr);
    var before = before(cr);
    var conditions = new ArrayList<Condition>();
    conditions.add(
        Conditions.of(before, Conditions.READY, false, "InvalidSpec", message, gen, now));
    conditions.add(
        Conditions.of(
            before,
            Conditions.PROGRESSING,
            false,
            "InvalidSpec",
            "nothing applied; the last valid spec keeps running",
            gen,
            now));
    conditions.add(
        Conditions.of(before, Conditions.DEGRADED, true, "InvalidSpec", message, gen, now));
    Conditions.find(before, Conditions.PLACEMENT_FAILED).ifPresent(conditions::add);
    return with(cr, gen, conditions);
  }

  /** Writing the objects failed (RBAC, a missing alias namespace, a conflict): it is retried. */
  public static MixServeStatus failed(MixServe cr, String message, Instant now) {
    long gen = Statuses.generation(cr);
    var before = before(cr);
    var conditions = new ArrayList<Condition>();
    for (String type :
        List.of(Conditions.READY, Conditions.PROGRESSING, Conditions.PLACEMENT_FAILED)) {
      Conditions.find(before, type).ifPresent(conditions::add);
    }
    conditions.add(
        Conditions.of(before, Conditions.DEGRADED, true, "ApplyFailed", message, gen, now));
    return with(cr, gen, conditions);
  }

  private static List<Condition> before(MixServe cr) {
    return cr.getStatus() == null ? null : cr.getStatus().conditions();
  }

  private static MixServeStatus with(MixServe cr, long gen, List<Condition> conditions) {
    var s = cr.getStatus();
    return s == null
        ? new MixServeStatus(gen, null, null, conditions, null, null, null)
        : new MixServeStatus(
            gen,
            s.endpoint(),
            s.deploymentsReady(),
            conditions,
            s.deployments(),
            s.aliases(),
            s.findings());
  }
}
