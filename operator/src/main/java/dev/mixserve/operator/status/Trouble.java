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
    var c = conditions(cr, now);
    var out = new ArrayList<Condition>();
    out.add(c.set(Conditions.READY, false, "InvalidSpec", message));
    out.add(
        c.set(
            Conditions.PROGRESSING,
            false,
            "InvalidSpec",
            "nothing applied; what the last valid spec made keeps running"));
    out.add(c.set(Conditions.DEGRADED, true, "InvalidSpec", message));
    c.kept(Conditions.PLACEMENT_FAILED).ifPresent(out::add);
    return with(cr, out);
  }

  /** Writing the objects failed (RBAC, a missing alias namespace, a conflict): it is retried. */
  public static MixServeStatus failed(MixServe cr, String message, Instant now) {
    var c = conditions(cr, now);
    var out = new ArrayList<Condition>();
    c.kept(Conditions.READY).ifPresent(out::add);
    c.kept(Conditions.PROGRESSING).ifPresent(out::add);
    out.add(c.set(Conditions.DEGRADED, true, "ApplyFailed", message));
    c.kept(Conditions.PLACEMENT_FAILED).ifPresent(out::add);
    return with(cr, out);
  }

  private static Conditions conditions(MixServe cr, Instant now) {
    var before = cr.getStatus() == null ? null : cr.getStatus().conditions();
    return new Conditions(before, Statuses.generation(cr), now);
  }

  private static MixServeStatus with(MixServe cr, List<Condition> conditions) {
    long gen = Statuses.generation(cr);
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
