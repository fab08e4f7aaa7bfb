package dev.mixserve.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One deployment of the spec as the operator placed and found it.
 *
 * @param name the deployment's name
 * @param replicas how many replicas the spec asks for
 * @param readyReplicas placed replicas whose worker (or head) pod is ready
 * @param placement one entry per placed replica
 * @param refused why a replica was not placed: the scheduler's words, one per replica refused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentStatus(
    String name,
    Integer replicas,
    Integer readyReplicas,
    List<Placement> placement,
    List<String> refused) {

  /**
   * A placed replica.
   *
   * @param replica its ordinal
   * @param node the config's node
   * @param gpu the device's index on the node; absent for a CPU-only replica
   * @param model the device's model, as the node lists it
   * @param share the GPU share as the config writes it, e.g. "0.95"
   * @param memory the device memory reserved, e.g. "4 GiB"
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Placement(
      Integer replica, String node, Integer gpu, String model, String share, String memory) {}
}
