package dev.mixserve.k8s.nodes;

import dev.mixserve.api.Vendor;
import dev.mixserve.scheduler.inventory.PciIds;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * AMD GPUs from the device plugin's {@code amd.com/gpu} resource and the node labeller's labels
 * (ROCm/k8s-device-plugin cmd/k8s-node-labeller/main.go). For each property (device-id,
 * product-name, vram, family, cu-count, simd-count) it writes {@code
 * beta.amd.com/gpu.P.VALUE=COUNT} always, and {@code amd.com/gpu.P=VALUE} where the node's GPUs all
 * share the value, else {@code amd.com/gpu.P.VALUE=COUNT}. The example in ROCm/k8s-device-plugin's
 * docs, an MI300X: device-id=74a1, family=AI, product-name=AMD_Instinct_MI300X_OAM, vram=192G,
 * cu-count=304, simd-count=1216. cu-count and simd-count are not read: no inventory fact needs
 * them.
 */
final class AmdLabels {
  static final String RESOURCE = "amd.com/gpu";
  private static final String NEW = "amd.com/gpu.";
  private static final String BETA = "beta.amd.com/gpu.";

  /**
   * The labeller's family names (libdrm's AMDGPU_FAMILY_*) that are APUs: Kaveri, Carrizo, Raven
   * (through Cezanne), Van Gogh, Yellow Carp (Rembrandt, the 680M), GC 11.0.1 (Phoenix), GC 10.3.6
   * (Raphael), GC 10.3.7 (Mendocino), GC 11.5.0 (Strix Point, Strix Halo). SI, CI, VI, AI, NV and
   * GC 11.0.0 are discrete.
   */
  static final Set<String> APU_FAMILIES =
      Set.of("KV", "CZ", "RV", "VGH", "YC", "GC_11_0_1", "GC_10_3_6", "GC_10_3_7", "GC_11_5_0");

  private AmdLabels() {}

  static Optional<VendorFacts> read(NodeView n) {
    OptionalLong resource = n.resource(RESOURCE);
    long labelled = labelledCount(n);
    if (resource.isEmpty() && labelled == 0) {
      return Optional.empty();
    }
    long count = resource.orElse(labelled);
    if (count > VendorFacts.MAX_GPUS) {
      return Optional.of(VendorFacts.present(Vendor.AMD, RESOURCE + "=" + count + "?"));
    }
    var known = property(n, "device-id").flatMap(id -> PciIds.lookup("1002:" + id));
    Optional<String> family = property(n, "family");
    Optional<Boolean> apu =
        known.map(PciIds.Known::integrated).or(() -> family.map(APU_FAMILIES::contains));
    boolean unified = apu.orElse(false);
    // the labeller's vram is KFD's local memory bank, rounded to GiB: on an APU that is the BIOS
    // carve-out, not what the GPU may map, so there the config's figure (or an estimate) is used
    long vram = property(n, "vram").map(AmdLabels::gib).orElse(0L);
    String model =
        known
            .map(PciIds.Known::name)
            .or(() -> property(n, "product-name").map(p -> p.replace('_', ' ')))
            .orElse("");
    String arch = known.map(PciIds.Known::arch).orElse("");
    var gpus = VendorFacts.alike(Vendor.AMD, count, model, arch, unified ? 0 : vram, unified);
    String source = resource.isPresent() ? RESOURCE + "=" + count : BETA + "* counts";
    return Optional.of(
        new VendorFacts(
            Vendor.AMD,
            true,
            gpus,
            apu.isPresent(),
            1L << 29, // "16G" is rounded to whole GiB: half a GiB either way agrees
            Math.max(vram, n.memoryBytes() / 2),
            source + (known.isPresent() || family.isPresent() ? ", AMD node labeller" : "")));
  }

  /**
   * One value shared by all the node's GPUs: the single-value label, else the only VALUE among the
   * per-value ones. Empty on a node of mixed GPUs, where the labels cannot say which is which.
   */
  static Optional<String> property(NodeView n, String p) {
    var single = n.label(NEW + p).or(() -> n.label(BETA + p));
    if (single.isPresent()) {
      return single;
    }
    var values = new java.util.TreeSet<>(n.under(NEW + p + ".").keySet());
    values.addAll(n.under(BETA + p + ".").keySet());
    return values.size() == 1 ? Optional.of(values.first()) : Optional.empty();
  }

  /** GPUs the labeller counted: the beta per-value counts of the first property it labels. */
  static long labelledCount(NodeView n) {
    for (String p : new String[] {"device-id", "family", "vram", "product-name"}) {
      long sum = 0;
      for (Map.Entry<String, String> e : n.under(BETA + p + ".").entrySet()) {
        sum += NodeView.parse(e.getValue()).orElse(0);
      }
      if (sum > 0) {
        return sum;
      }
    }
    return 0;
  }

  /** "16G" → 16 GiB, as the labeller rounds KFD's bytes. */
  static long gib(String vram) {
    String digits = vram.endsWith("G") ? vram.substring(0, vram.length() - 1) : "";
    return NodeView.bytes(NodeView.parse(digits).orElse(0), 30);
  }
}
