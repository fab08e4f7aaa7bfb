package dev.mixserve.k8s.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/** Kubernetes Nodes as the kubelet, device plugins and labellers leave them, built for tests. */
final class Nodes {
  private final String name;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Map<String, Quantity> resources = new LinkedHashMap<>();

  private Nodes(String name) {
    this.name = name;
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/arch", "amd64");
    resources.put("cpu", new Quantity("16"));
    resources.put("memory", new Quantity("64Gi"));
  }

  static Nodes node(String name) {
    return new Nodes(name);
  }

  Nodes label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  Nodes labels(Map<String, String> all) {
    labels.putAll(all);
    return this;
  }

  Nodes unlabel(String key) {
    labels.remove(key);
    return this;
  }

  Nodes resource(String key, String amount) {
    resources.put(key, new Quantity(amount));
    return this;
  }

  Node build() {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.copyOf(labels))
        .endMetadata()
        .withNewStatus()
        .withCapacity(Map.copyOf(resources))
        .withAllocatable(Map.copyOf(resources))
        .endStatus()
        .build();
  }

  /** GPU Feature Discovery on an RTX 2070 (docs/gfd_labels.md's names, nvidia-smi's values). */
  static Map<String, String> rtx2070() {
    return Map.of(
        "nvidia.com/gpu.product", "NVIDIA-GeForce-RTX-2070",
        "nvidia.com/gpu.memory", "8192",
        "nvidia.com/gpu.count", "1",
        "nvidia.com/gpu.family", "turing",
        "nvidia.com/gpu.compute.major", "7",
        "nvidia.com/gpu.compute.minor", "5",
        "nvidia.com/gpu.present", "true");
  }

  /** The AMD labeller on a Strix Halo, as a user's cluster shows it (amd.com/* and beta.*). */
  static Map<String, String> strixHalo() {
    return Map.ofEntries(
        Map.entry("amd.com/gpu.cu-count", "40"),
        Map.entry("amd.com/gpu.device-id", "1586"),
        Map.entry("amd.com/gpu.family", "GC_11_5_0"),
        Map.entry("amd.com/gpu.product-name", "AMD_Radeon_8060S_Graphics"),
        Map.entry("amd.com/gpu.simd-count", "80"),
        Map.entry("amd.com/gpu.vram", "64G"),
        Map.entry("beta.amd.com/gpu.cu-count.40", "1"),
        Map.entry("beta.amd.com/gpu.device-id.1586", "1"),
        Map.entry("beta.amd.com/gpu.family.GC_11_5_0", "1"),
        Map.entry("beta.amd.com/gpu.vram.64G", "1"));
  }

  /** The AMD labeller on a Radeon 680M laptop: Yellow Carp, a 2 GiB carve-out. */
  static Map<String, String> radeon680m() {
    return Map.of(
        "amd.com/gpu.device-id", "1681",
        "amd.com/gpu.family", "YC",
        "amd.com/gpu.vram", "2G",
        "beta.amd.com/gpu.device-id.1681", "1",
        "beta.amd.com/gpu.family.YC", "1");
  }

  /** Intel's NFD rules and GPU plugin hook on an Arc A770 of exactly 16 GiB. */
  static Map<String, String> arcA770() {
    return Map.of(
        "gpu.intel.com/device-id.0300-56a0.count", "1",
        "gpu.intel.com/device-id.0300-56a0.present", "true",
        "gpu.intel.com/family", "A_Series",
        "gpu.intel.com/memory.max", String.valueOf(16L << 30),
        "gpu.intel.com/millicores", "1000",
        "gpu.intel.com/gpu-numbers", "0",
        "gpu.intel.com/tiles", "1",
        "intel.feature.node.kubernetes.io/gpu", "true");
  }
}
