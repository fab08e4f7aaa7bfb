package dev.mixserve.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Conditions as Kubernetes writes them: one per type, each stamped with the generation it judged,
 * and a transition time that moves only when its status flips (so that an unchanged verdict
 * rewrites nothing).
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  public static final String PLACEMENT_FAILED = "PlacementFailed";

  private final List<Condition> before;
  private final long generation;
  private final Instant now;

  /**
   * @param before the conditions the status had, null when none
   */
  Conditions(List<Condition> before, long generation, Instant now) {
    this.before = before == null ? List.of() : before;
    this.generation = generation;
    this.now = Objects.requireNonNull(now, "now");
  }

  Condition set(String type, boolean status, String reason, String message) {
    String text = status ? "True" : "False";
    String time =
        find(before, type)
            .filter(c -> text.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(text)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(time)
        .build();
  }

  /** The condition of {@code type} as it was, if there was one. */
  Optional<Condition> kept(String type) {
    return find(before, type);
  }

  /** The condition of {@code type}, if {@code conditions} has it. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> Objects.equals(c.getType(), type)).findFirst();
  }
}
