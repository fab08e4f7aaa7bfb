package dev.mixserve.k8s.nodes;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import dev.mixserve.scheduler.inventory.PciIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Intel GPUs (intel/intel-device-plugins-for-kubernetes, cmd/gpu_plugin/labels.md and
 * deployments/nfd/overlays/node-feature-rules/platform-labeling-rules.yaml). The NFD rules label
 * each PCI device id, {@code gpu.intel.com/device-id.0300-56a0.count=1} (and {@code .present}), the
 * GPU plugin's NFD hook the sum of all GPUs' memory in bytes, {@code gpu.intel.com/memory.max}, and
 * {@code gpu.intel.com/millicores} (GPUs × 1000); data-center rules add {@code
 * gpu.intel.com/product} ("Flex_170"), and a root NFD hook {@code
 * gpu.intel.com/platform_NAME.count}. The plugin's resources are {@code gpu.intel.com/i915} and
 * {@code gpu.intel.com/xe}; they count shares, not GPUs, where the plugin runs with shared-dev-num,
 * so the labels' count comes first.
 */
final class IntelLabels {
  static final List<String> RESOURCES = List.of("gpu.intel.com/i915", "gpu.intel.com/xe");
  private static final String P = "gpu.intel.com/";

  private IntelLabels() {}

  static Optional<VendorFacts> read(NodeView n) {
    List<String> ids = IntelDeviceIds.perGpu(n);
    long byPlugin = n.number(P + "millicores").orElse(0) / 1000;
    long byResource = RESOURCES.stream().mapToLong(r -> n.resource(r).orElse(0)).sum();
    boolean resource = RESOURCES.stream().anyMatch(r -> n.resource(r).isPresent());
    if (ids.isEmpty() && byPlugin == 0 && !resource) {
      return Optional.empty();
    }
    long count = !ids.isEmpty() ? ids.size() : byPlugin > 0 ? byPlugin : byResource;
    if (count > VendorFacts.MAX_GPUS) {
      return Optional.of(VendorFacts.present(Vendor.INTEL, P + "* count " + count + "?"));
    }
    long total = n.number(P + "memory.max").orElse(0);
    // memory.max sums all GPUs; it divides evenly only where they are alike
    long each = new HashSet<>(ids).size() <= 1 && count > 0 ? total / count : 0;
    var gpus = new ArrayList<Accelerator>();
    boolean unifiedKnown = !ids.isEmpty();
    for (String id : ids) {
      var known = PciIds.lookup("8086:" + id);
      unifiedKnown &= known.isPresent();
      boolean integrated = known.map(PciIds.Known::integrated).orElse(false);
      String model = known.map(PciIds.Known::name).orElse(fallbackModel(n));
      String arch = known.map(PciIds.Known::arch).orElse("");
      long memory = integrated ? 0 : each;
      gpus.add(new Accelerator(Vendor.INTEL, model, arch, memory, integrated, gpus.size()));
    }
    if (ids.isEmpty()) {
      gpus.addAll(VendorFacts.alike(Vendor.INTEL, count, fallbackModel(n), "", each, false));
    }
    String source =
        !ids.isEmpty() ? P + "device-id.*" : byPlugin > 0 ? P + "millicores" : "i915/xe resources";
    return Optional.of(
        new VendorFacts(
            Vendor.INTEL, true, gpus, unifiedKnown, 0, n.memoryBytes() / 2, source + " labels"));
  }

  /** "Flex_170" → "Flex 170", else the platform a root NFD hook names, else unknown. */
  private static String fallbackModel(NodeView n) {
    return n.label(P + "product")
        .map(p -> p.replace('_', ' '))
        .or(
            () ->
                n.under(P + "platform_").keySet().stream()
                    .filter(k -> k.endsWith(".present"))
                    .map(k -> k.substring(0, k.length() - ".present".length()))
                    .findFirst())
        .orElse("");
  }
}
