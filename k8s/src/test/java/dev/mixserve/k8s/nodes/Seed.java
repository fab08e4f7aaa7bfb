package dev.mixserve.k8s.nodes;

import static dev.mixserve.k8s.nodes.Nodes.node;

import dev.mixserve.api.MixserveConfig;
import dev.mixserve.config.ConfigLoader;
import io.fabric8.kubernetes.api.model.Node;
import java.nio.file.Path;
import java.util.List;

/** The seed's homelab, and Nodes for its four machines that say what the config says. */
final class Seed {
  static final MixserveConfig HOMELAB = ConfigLoader.load(Path.of("../examples/homelab.yaml"));

  private Seed() {}

  static Nodes khelben() {
    return node("khelben")
        .label("site", "homelab")
        .resource("memory", "64Gi")
        .resource("amd.com/gpu", "1")
        .labels(Nodes.strixHalo());
  }

  static Nodes elminster() {
    return node("elminster")
        .label("site", "homelab")
        .resource("nvidia.com/gpu", "1")
        .labels(Nodes.rtx2070());
  }

  static Nodes drizzt() {
    return node("drizzt")
        .label("site", "homelab")
        .resource("memory", "24Gi")
        .resource("amd.com/gpu", "1")
        .labels(Nodes.radeon680m());
  }

  static Nodes danilo() {
    return node("danilo")
        .label("site", "homelab")
        .resource("gpu.intel.com/i915", "1")
        .labels(Nodes.arcA770());
  }

  static List<Node> agreeing() {
    return List.of(khelben().build(), elminster().build(), drizzt().build(), danilo().build());
  }

  /** elminster's 2070 swapped for a 3060 that nobody told the config about. */
  static Nodes elminster3060() {
    return elminster()
        .label("nvidia.com/gpu.product", "NVIDIA-GeForce-RTX-3060")
        .label("nvidia.com/gpu.memory", "12288")
        .label("nvidia.com/gpu.compute.minor", "6")
        .label("nvidia.com/gpu.family", "ampere")
        .label("nvidia.com/gpu.compute.major", "8");
  }
}
