package dev.mixserve.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Conditions as Kubernetes writes them: a transition time that moves only when status flips. */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  public static final String PLACEMENT_FAILED = "PlacementFailed";

  private Conditions() {}

  /**
   * @param before the conditions the status had, null when none
   */
  static Condition of(
      List<Condition> before,
      String type,
      boolean status,
      String reason,
      String message,
      long generation,
      Instant now) {
    String time = now.toString();
    if (before != null) {
      for (Condition c : before) {
        if (c.getType().equals(type) && c.getStatus().equals(text(status))) {
          time = c.getLastTransitionTime();
        }
      }
    }
    return new ConditionBuilder()
        .withType(type)
        .withStatus(text(status))
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(time)
        .build();
  }

  /** The condition of {@code type}, if {@code conditions} has it. */
  public static java.util.Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? java.util.Optional.empty()
        : conditions.stream().filter(c -> Objects.equals(c.getType(), type)).findFirst();
  }

  private static String text(boolean status) {
    return status ? "True" : "False";
  }
}
