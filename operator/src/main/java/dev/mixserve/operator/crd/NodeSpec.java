package dev.mixserve.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/**
 * One of the config's {@code nodes:}: a Kubernetes node (by default its name is the host's {@code
 * kubernetes.io/hostname}) and its GPUs. {@code address} may be left out: the operator points it at
 * the node's worker Service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSpec(
    @Required String name,
    String address,
    Map<String, String> labels,
    List<Accelerator> accelerators) {

  /** A GPU; {@code memory} is a byte count or a size such as "16GiB". */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Accelerator(
      @Required String vendor,
      String model,
      String arch,
      Object memory,
      Boolean unified,
      Integer index) {}
}
