package dev.mixserve.operator;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's four machines as Kubernetes Nodes, as their device plugins and labellers (GPU feature
 * discovery, the AMD labeller, Intel's NFD rules) leave them: saying what examples/homelab-cr.yaml
 * says.
 */
final class SeedNodes {
  private SeedNodes() {}

  static Node khelben() {
    return node(
        "khelben",
        Map.of("memory", "64Gi", "amd.com/gpu", "1"),
        Map.of(
            "amd.com/gpu.device-id", "1586",
            "amd.com/gpu.family", "GC_11_5_0",
            "amd.com/gpu.product-name", "AMD_Radeon_8060S_Graphics",
            "amd.com/gpu.vram", "64G"));
  }

  static Node elminster(String product, String memoryMiB, String major, String minor) {
    return node(
        "elminster",
        Map.of("nvidia.com/gpu", "1"),
        Map.of(
            "nvidia.com/gpu.product", product,
            "nvidia.com/gpu.memory", memoryMiB,
            "nvidia.com/gpu.count", "1",
            "nvidia.com/gpu.compute.major", major,
            "nvidia.com/gpu.compute.minor", minor,
            "nvidia.com/gpu.present", "true"));
  }

  static Node drizzt() {
    return node(
        "drizzt",
        Map.of("memory", "24Gi", "amd.com/gpu", "1"),
        Map.of(
            "amd.com/gpu.device-id", "1681",
            "amd.com/gpu.family", "YC",
            "amd.com/gpu.vram", "2G"));
  }

  static Node danilo() {
    return node(
        "danilo",
        Map.of("gpu.intel.com/i915", "1"),
        Map.of(
            "gpu.intel.com/device-id.0300-56a0.count", "1",
            "gpu.intel.com/device-id.0300-56a0.present", "true",
            "gpu.intel.com/family", "A_Series",
            "gpu.intel.com/memory.max", String.valueOf(16L << 30),
            "intel.feature.node.kubernetes.io/gpu", "true"));
  }

  private static Node node(String name, Map<String, String> devices, Map<String, String> gpu) {
    var labels = new LinkedHashMap<String, String>();
    labels.put("kubernetes.io/hostname", name);
    labels.put("site", "homelab");
    labels.putAll(gpu);
    var resources = new LinkedHashMap<String, Quantity>();
    resources.put("cpu", new Quantity("16"));
    resources.put("memory", new Quantity("64Gi"));
    devices.forEach((k, v) -> resources.put(k, new Quantity(v)));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewStatus()
        .withCapacity(resources)
        .withAllocatable(resources)
        .endStatus()
        .build();
  }
}
