package dev.mixserve.k8s.nodes;

import dev.mixserve.api.Vendor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which vendors' GPUs a Node has, where no device plugin or labeller says more. Node Feature
 * Discovery's built-in PCI labels (its pci source, kubernetes-sigs/node-feature-discovery) are
 * {@code feature.node.kubernetes.io/pci-<fields>.present=true} for devices of class 03 (display),
 * 0b40 and 12, the fields being class and vendor by default ({@code pci-0300_10de}, {@code
 * pci-0302_10de} for a data-center NVIDIA card, {@code pci-0380_1002} for an Instinct) or what
 * {@code deviceLabelFields} picks ({@code pci-10de}). Intel's NFD rule adds {@code
 * intel.feature.node.kubernetes.io/gpu=true}, AMD's GPU operator {@code
 * feature.node.kubernetes.io/amd-gpu=true}.
 */
final class PciPresence {
  private static final String NFD = "feature.node.kubernetes.io/pci-";
  private static final Map<String, Vendor> IDS =
      Map.of("10de", Vendor.NVIDIA, "1002", Vendor.AMD, "8086", Vendor.INTEL);

  private PciPresence() {}

  /** Vendor → the label that shows it. */
  static Map<Vendor, String> read(NodeView n) {
    var out = new EnumMap<Vendor, String>(Vendor.class);
    n.under(NFD)
        .forEach(
            (rest, value) -> {
              if (rest.endsWith(".present") && value.equals("true")) {
                vendor(rest.substring(0, rest.length() - ".present".length()))
                    .ifPresent(v -> out.putIfAbsent(v, NFD + rest));
              }
            });
    flag(n, "intel.feature.node.kubernetes.io/gpu", Vendor.INTEL, out);
    flag(n, "feature.node.kubernetes.io/amd-gpu", Vendor.AMD, out);
    return out;
  }

  /**
   * The vendor of "0300_10de", "10de", "10de_2504" or "0300_10de_2504" (NFD writes class, vendor,
   * device in that order). Intel is only believed with a display class: its other devices in NFD's
   * default classes are QAT (0b40) and accelerators (12).
   */
  static Optional<Vendor> vendor(String fields) {
    List<String> f = List.of(fields.split("_"));
    boolean withClass = f.size() > 1 && !IDS.containsKey(f.get(0));
    if (withClass && !f.get(0).startsWith("03")) {
      return Optional.empty();
    }
    Vendor v = IDS.get(withClass ? f.get(1) : f.get(0));
    return v == Vendor.INTEL && !withClass ? Optional.empty() : Optional.ofNullable(v);
  }

  private static void flag(NodeView n, String key, Vendor v, Map<Vendor, String> out) {
    if (n.label(key).filter("true"::equals).isPresent()) {
      out.putIfAbsent(v, key);
    }
  }
}
