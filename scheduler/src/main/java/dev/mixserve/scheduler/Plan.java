package dev.mixserve.scheduler;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one scheduling run.
 *
 * @param assignments placed replicas, ordered by node, accelerator, deployment, replica
 * @param refusals replicas that could not be placed, each with its reasons
 * @param usage every GPU of the inventory with what the plan puts on it, in inventory order
 */
public record Plan(List<Assignment> assignments, List<Refusal> refusals, List<Usage> usage) {
  public Plan {
    assignments = List.copyOf(assignments);
    refusals = List.copyOf(refusals);
    usage = List.copyOf(usage);
  }

  public Optional<Assignment> find(String deployment, int replica) {
    return assignments.stream()
        .filter(a -> a.deployment().equals(deployment) && a.replica() == replica)
        .findFirst();
  }

  public List<Assignment> of(String deployment) {
    return assignments.stream().filter(a -> a.deployment().equals(deployment)).toList();
  }
}
