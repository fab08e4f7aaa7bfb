package dev.mixserve.k8s.nodes;

import dev.mixserve.api.Accelerator;
import dev.mixserve.api.Vendor;
import java.util.List;
import java.util.Objects;

/**
 * What one Node tells about one vendor's GPUs. Facts it does not tell are left empty (model, arch)
 * or zero (memory), which is how {@code InventoryMerge} knows to take the config's.
 *
 * @param vendor whose GPUs
 * @param counted whether the Node says how many (a device plugin resource or a labeller's count);
 *     false where only Node Feature Discovery's PCI labels show the vendor is there
 * @param gpus one per device, indexed 0.. as the vendor's runtime counts them; empty if not counted
 * @param unifiedKnown whether the labels decide {@link Accelerator#unified()}; where they do not,
 *     the declared twin's flag is used
 * @param tolerance bytes a declared memory may differ from the labels' and still agree, because
 *     labels round (AMD's "16G")
 * @param estimate memory for a unified GPU that no config declares: what such GPUs may map by
 *     default, half the Node's RAM, or the carve-out where that is larger
 * @param source the labels or resources read, for findings
 */
record VendorFacts(
    Vendor vendor,
    boolean counted,
    List<Accelerator> gpus,
    boolean unifiedKnown,
    long tolerance,
    long estimate,
    String source) {
  /** More GPUs than any machine has: a label or resource that says so is misread, not believed. */
  static final long MAX_GPUS = 256;

  VendorFacts {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(source, "source");
    gpus = List.copyOf(gpus);
    if (gpus.size() > MAX_GPUS) {
      throw new IllegalArgumentException("more than " + MAX_GPUS + " GPUs");
    }
    if (!counted && !gpus.isEmpty()) {
      throw new IllegalArgumentException("GPUs listed but not counted");
    }
    if (gpus.stream().anyMatch(g -> g.vendor() != vendor)) {
      throw new IllegalArgumentException("a GPU of another vendor in " + vendor.id());
    }
    if (tolerance < 0 || estimate < 0) {
      throw new IllegalArgumentException("tolerance and estimate must be >= 0");
    }
  }

  /** The vendor is on the Node (NFD's PCI labels) but nothing says how many or which. */
  static VendorFacts present(Vendor vendor, String source) {
    return new VendorFacts(vendor, false, List.of(), false, 0, 0, source);
  }

  /** {@code count} alike GPUs, as the labellers describe a node (they assume all alike). */
  static List<Accelerator> alike(
      Vendor v, long count, String model, String arch, long mem, boolean u) {
    return java.util.stream.LongStream.range(0, count)
        .mapToObj(i -> new Accelerator(v, model, arch, mem, u, (int) i))
        .toList();
  }
}
